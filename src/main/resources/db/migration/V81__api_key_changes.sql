-- Every change of an API key, whatever makes it (a revocation on any node, an operator's SQL),
-- tells every node when it commits: a node that remembers live keys forgets them (LiveKeys).
CREATE FUNCTION herald_api_keys_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('herald_api_keys', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_changed
    AFTER UPDATE OR DELETE OR TRUNCATE
    ON api_keys
    FOR EACH STATEMENT
EXECUTE FUNCTION herald_api_keys_changed();
