/**
 * {@code Idempotency-Key} on the public API's writing routes (spec §10.5): the first answer of a key
 * is stored in PostgreSQL for 24 hours and every repeat of the same request gets it again.
 */
package io.herald.idempotency;
