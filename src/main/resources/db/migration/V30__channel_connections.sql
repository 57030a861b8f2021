-- Channels connected through OAuth 2, and secrets sealed at rest.

-- An integration's secrets (access and refresh tokens, passwords, webhook secrets) leave `config`:
-- they are kept here as one JSON object sealed with AES-GCM under the server's secrets key
-- (herald.secrets.key), bound to the integration's id. `config` keeps what is not secret.
ALTER TABLE integrations
    ADD COLUMN secrets           bytea,
    -- The platform's id of the connected account: connecting the same account again (same
    -- organization and provider) refreshes this integration instead of adding one.
    ADD COLUMN account_id        text,
    -- When the access token expires, if the platform said so; it is refreshed ahead of that.
    ADD COLUMN token_expires_at  timestamptz,
    -- The platform refused to refresh the token: the channel must be connected again, and its due
    -- posts fail saying so, with the platform's reason.
    ADD COLUMN refresh_needed    boolean NOT NULL DEFAULT false,
    ADD COLUMN reconnect_reason  text;

CREATE UNIQUE INDEX integrations_account ON integrations (organization_id, identifier, account_id)
    WHERE account_id IS NOT NULL AND deleted_at IS NULL;

-- Authorizations in progress: one row from the authorization URL to the platform's callback (10
-- minutes, used once), or, when the account offers several pages, until one is chosen. Only the
-- SHA-256 of the `state` (or of the choice token) is kept; the PKCE verifier and the offered
-- accounts' tokens are sealed. Rows are shared by every node, so any node may take the callback.
CREATE TABLE oauth_states
(
    token_hash      bytea PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    provider        text        NOT NULL,
    customer_id     uuid REFERENCES customers (id),
    -- The sealed PKCE code verifier (during the authorization) or the sealed offered accounts (during a choice).
    sealed          bytea       NOT NULL,
    choosing        boolean     NOT NULL,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);

-- The fingerprint (an HMAC of a fixed text) of the key secrets are sealed with: a node started
-- with another key refuses to start instead of failing every publication.
CREATE TABLE secrets_key
(
    id          integer PRIMARY KEY CHECK (id = 1),
    fingerprint bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);
