package io.herald.posts.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lifecycle table: every transition from every state, taken or refused, and the guards and
 * assignments the store's statements are made of.
 */
class TransitionTests {

    /** transition, the states it starts from, the state it ends in (KEPT: the post keeps its state). */
    @ParameterizedTest
    @CsvSource({
        "CLAIM,        QUEUE,                PUBLISHING",
        "PUBLISH,      PUBLISHING,           PUBLISHED",
        "FAIL,         PUBLISHING,           ERROR",
        "RELEASE,      PUBLISHING,           QUEUE",
        "ABANDON,      PUBLISHING,           ERROR",
        "MISS,         QUEUE,                ERROR",
        "BREAK_THREAD, QUEUE,                ERROR",
        "QUEUE_AGAIN,  DRAFT QUEUE ERROR,    QUEUE",
        "UNSCHEDULE,   DRAFT QUEUE ERROR,    DRAFT",
        "EDIT,         DRAFT QUEUE ERROR,    KEPT",
        "DELETE,       DRAFT QUEUE ERROR,    KEPT",
        "RECONCILE,    ERROR,                PUBLISHED",
        "RESTORE,      DRAFT QUEUE ERROR,    KEPT",
        "RESTORE_AS_DRAFT, QUEUE,            DRAFT",
        "ERASE,        DRAFT QUEUE ERROR,    KEPT"
    })
    void takesItsEdgesAndRefusesEveryOther(Transition transition, String sources, String target) {
        var allowed = Arrays.stream(sources.split(" "))
                .map(PostState::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PostState.class)));
        if (target.equals("KEPT")) {
            assertThatIllegalStateException().isThrownBy(transition::assignment);
        } else {
            assertThat(transition.assignment()).isEqualTo("state = '" + target + "'");
        }
        for (var state : PostState.values()) {
            if (allowed.contains(state)) {
                assertThat(transition.allows(state))
                        .as("%s from %s", transition, state)
                        .isTrue();
                assertThat(transition.from(state))
                        .as("%s from %s", transition, state)
                        .isEqualTo(target.equals("KEPT") ? state : PostState.valueOf(target));
            } else {
                assertThat(transition.allows(state))
                        .as("%s from %s", transition, state)
                        .isFalse();
                assertThatIllegalStateException()
                        .isThrownBy(() -> transition.from(state))
                        .withMessage("A post in state " + state + " cannot take the transition " + transition);
            }
        }
    }

    @Test
    void theTableAboveHoldsEveryTransition() {
        assertThat(Transition.values())
                .extracting(Enum::name)
                .containsExactly(
                        "CLAIM",
                        "PUBLISH",
                        "FAIL",
                        "RELEASE",
                        "ABANDON",
                        "MISS",
                        "BREAK_THREAD",
                        "QUEUE_AGAIN",
                        "UNSCHEDULE",
                        "EDIT",
                        "DELETE",
                        "RECONCILE",
                        "RESTORE",
                        "RESTORE_AS_DRAFT",
                        "ERASE");
    }

    @Test
    void aPublishedPostNeverChangesAgain() {
        assertThat(Transition.values()).noneMatch(transition -> transition.allows(PostState.PUBLISHED));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CLAIM       | state      | state = 'QUEUE'",
                "PUBLISH     | n.state    | n.state = 'PUBLISHING'",
                "QUEUE_AGAIN | state      | state in ('DRAFT', 'QUEUE', 'ERROR')",
                "DELETE      | p.state    | p.state in ('DRAFT', 'QUEUE', 'ERROR')"
            })
    void guardsAdmitExactlyTheSourceStates(Transition transition, String column, String guard) {
        assertThat(transition.guard(column)).isEqualTo(guard);
    }
}
