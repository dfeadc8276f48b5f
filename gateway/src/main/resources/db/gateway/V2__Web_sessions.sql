-- The web application's sessions, shared by every gateway instance: Spring Security's context, a sign-in under way,
-- the person's tokens and the CSRF token, serialized, and when the session was last used. A row whose expires_at has
-- passed is no session; the gateway deletes such rows now and then.
CREATE TABLE web_session (
    id          text        PRIMARY KEY,
    attributes  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    last_access timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX web_session_expires_at ON web_session (expires_at);
