/**
 * The parser's version. Bumped whenever a change of the parser can read an invitation
 * differently: invitations held as unsure, and unreadable ones, are read again after an upgrade
 * (retryable unreadable ones: src/pipeline/retryPolicy.ts, however often they were refused).
 * A module of its own, so that recording a refusal does not load the parser.
 */
export const PARSER_VERSION = 4;
