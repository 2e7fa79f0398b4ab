-- Session ids are now stored as the SHA-256 of the cookie's token (app/utils/hashed-sessions.server.ts).
-- Rows written before hold raw tokens, which no longer match anything: remove them (everyone signs in again).
DELETE FROM "Session";
