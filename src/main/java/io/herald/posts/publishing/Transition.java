package io.herald.posts.publishing;

import static io.herald.posts.publishing.PostState.DRAFT;
import static io.herald.posts.publishing.PostState.ERROR;
import static io.herald.posts.publishing.PostState.PUBLISHED;
import static io.herald.posts.publishing.PostState.PUBLISHING;
import static io.herald.posts.publishing.PostState.QUEUE;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The post lifecycle as one table: every way a post's state changes, and the states each may
 * start from. {@link PostStore}'s statements take their guards and the state they set from here
 * ({@link #guard}, {@link #assignment}), so no statement moves a post along an edge this table does
 * not have, and a refused move changes no row. Whatever else a statement checks (the claim it must match, the group it was locked with)
 * it says itself.
 */
enum Transition {
    /** A publisher takes a due post to send it. */
    CLAIM(PUBLISHING, QUEUE),
    /** The platform accepted the post. */
    PUBLISH(PUBLISHED, PUBLISHING),
    /** The platform refused the post, or the send failed in a way that leaves its outcome unknown. */
    FAIL(ERROR, PUBLISHING),
    /**
     * The publisher gives the post back unsent: it never reached the platform, or the platform took
     * nothing and asked for it later (a rate limit).
     */
    RELEASE(QUEUE, PUBLISHING),
    /** Its publisher was declared dead, or it was PUBLISHING past stuck-after: the outcome is unknown. */
    ABANDON(ERROR, PUBLISHING),
    /** It waited in the queue longer than the missed window (Herald was down at its time). */
    MISS(ERROR, QUEUE),
    /** A thread item whose predecessor failed: it cannot go out without it. */
    BREAK_THREAD(ERROR, QUEUE),
    /** The user queues the group (again): a draft, a failure, or a post already queued. */
    QUEUE_AGAIN(QUEUE, DRAFT, ERROR, QUEUE),
    /** The user moves the group to drafts. */
    UNSCHEDULE(DRAFT, DRAFT, QUEUE, ERROR),
    /**
     * The user edits the post (content, images, settings, delay, its place in the thread, its date):
     * it keeps its state. Neither a post on its platform nor one being sent there can be edited.
     */
    EDIT(null, DRAFT, QUEUE, ERROR),
    /**
     * The user deletes the post: it leaves the live posts and keeps its state. Neither a post on its
     * platform nor one being sent there can be deleted.
     */
    DELETE(null, DRAFT, QUEUE, ERROR),
    /**
     * The user names the post on its platform that a publication whose outcome was unknown made: it
     * went out after all. Only a post failed as outcome unknown (its own marker, checked by the
     * statement) takes it.
     */
    RECONCILE(PUBLISHED, ERROR),
    /** The user restores a deleted post within the restore window: it comes back in the state it had. */
    RESTORE(null, DRAFT, QUEUE, ERROR),
    /** A restored post that was queued for a time now past comes back as a draft: a restore never publishes late. */
    RESTORE_AS_DRAFT(DRAFT, QUEUE),
    /** Past the restore window a deleted post's content is removed; the row stays, content-free, in its state. */
    ERASE(null, DRAFT, QUEUE, ERROR);

    private final PostState target;

    private final Set<PostState> sources;

    Transition(PostState target, PostState source, PostState... more) {
        this.target = target;
        this.sources = EnumSet.of(source, more);
    }

    /** Whether a post in {@code state} may take this transition. */
    boolean allows(PostState state) {
        return sources.contains(state);
    }

    /** The state a post in {@code state} ends in; refuses a move the lifecycle does not have. */
    PostState from(PostState state) {
        if (!allows(state)) {
            throw new IllegalStateException("A post in state " + state + " cannot take the transition " + this);
        }
        return target == null ? state : target;
    }

    /** The SQL assignment of the state this transition ends in (none for {@link #DELETE} and {@link #EDIT}, which keep it). */
    String assignment() {
        if (target == null) {
            throw new IllegalStateException(this + " keeps the post's state");
        }
        return "state = '" + target + "'";
    }

    /** The SQL condition on the {@code state} column that admits exactly the states this transition starts from. */
    String guard() {
        return guard("state");
    }

    /** {@link #guard()} on a qualified column ({@code n.state}). */
    String guard(String column) {
        if (sources.size() == 1) {
            return column + " = '" + sources.iterator().next() + "'";
        }
        return column + " in ("
                + sources.stream().map(state -> "'" + state + "'").collect(Collectors.joining(", ")) + ")";
    }
}
