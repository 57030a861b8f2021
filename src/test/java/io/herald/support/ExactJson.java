package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.json.JSONException;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/** Pins a whole answer: its status, its content type and its body, field for field. */
public final class ExactJson {

    private ExactJson() {}

    /** A JSON answer (the public API's bodies) with exactly this body. */
    public static void assertAnswer(HeraldClient.Response response, int status, String expectedBody) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as("content type").startsWith("application/json");
        assertBody(response.body(), expectedBody);
    }

    /** An RFC 9457 problem (every answer outside /public/v1) with exactly this body. */
    public static void assertProblem(HeraldClient.Response response, int status, String expectedBody) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as("content type").startsWith("application/problem+json");
        assertBody(response.body(), expectedBody);
    }

    public static void assertBody(String actual, String expected) {
        try {
            JSONAssert.assertEquals(expected, actual, JSONCompareMode.STRICT);
        } catch (JSONException e) {
            throw new AssertionError("Not JSON: " + actual, e);
        }
    }
}
