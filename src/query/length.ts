/**
 * The longest query, in UTF-8 bytes, shared by both ways in: a TCP query line
 * and the HTTP API's q parameter are refused the same way at the same length.
 */
export const MAX_QUERY_BYTES = 1024;
