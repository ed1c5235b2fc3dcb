# wherewemet worker image: compiled once in a build stage, run as plain JavaScript.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
# npm ci runs the prepare script, which compiles src/ and workers/ to dist/.
RUN npm ci --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Runtime dependencies only; prepare (the compiler) is a development tool.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
# The token store's volume (docker-compose.yml mounts it here): a named volume takes this owner.
RUN mkdir -p /state && chown node:node /state
USER node
ENTRYPOINT ["./bin/wherewemet"]
CMD ["run"]
