# wherewemet worker image. Runs TypeScript through tsx: no build step, no build output.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY config ./config
USER node
ENTRYPOINT ["./bin/wherewemet"]
CMD ["run"]
