package io.herald.posts.domain;

/**
 * Published when a transaction leaves posts due now (a post of type {@code now}, a thread item
 * without delay): this node's publisher takes them once the transaction has committed, without
 * waiting for an alarm or a poll.
 */
public record PostsDue() {}
