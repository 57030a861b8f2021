package io.herald.posts.publishing;

/**
 * Published when a transaction leaves posts due now (a post of type {@code now}, a thread item
 * without delay) and when an alarm rings on this node: this node's publisher takes them once the
 * transaction has committed, without waiting for a poll.
 */
public record PostsDue() {}
