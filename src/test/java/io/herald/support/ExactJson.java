package io.herald.support;

import org.json.JSONException;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/** Exact-JSON assertions: same keys, same values, arrays in the same order. */
public final class ExactJson {

    private ExactJson() {}

    public static void assertJson(String actual, String expected) {
        try {
            JSONAssert.assertEquals(expected, actual, JSONCompareMode.STRICT);
        } catch (JSONException e) {
            throw new AssertionError("Not JSON: " + actual, e);
        }
    }
}
