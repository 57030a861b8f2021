package io.herald.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The safe subset content is stored in, and the plain text platforms get (spec §4.1). */
class HtmlTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<script>alert(1)</script>Hi| Hi",
                "<p onclick=\"x()\">Hi</p>| <p>Hi</p>",
                "<a href=\"javascript:alert(1)\">x</a>| <a>x</a>",
                "<a href=\" JaVaScRiPt:alert(1)\">x</a>| <a>x</a>",
                "<a href=\"data:text/html,hi\">x</a>| <a>x</a>",
                "<a href=\"https://ok.test\" target=\"_blank\" style=\"color:red\">x</a>| <a href=\"https://ok.test\">x</a>",
                "<a href=\"mailto:me@ok.test\">me</a>| <a href=\"mailto:me@ok.test\">me</a>",
                "<img src=x onerror=alert(1)>| ''",
                "<svg onload=alert(1)><circle/></svg>ok| ok",
                "<style>p{}</style><iframe src=\"https://evil.test\"></iframe>ok| ok",
                "<div><b>b</b><i>i</i></div>| bi",
                "<p><strong>s</strong><em>e</em><u>u</u><span>sp</span><br></p>| <p><strong>s</strong><em>e</em><u>u</u><span>sp</span><br></p>",
                "<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4>| <h1>1</h1><h2>2</h2><h3>3</h3>4",
                "<ul><li>a</li></ul><ol><li>b</li></ol>| <ul><li>a</li></ul><ol><li>b</li></ol>",
                "plain text & more| plain text &amp; more",
                "café 👍| café 👍"
            })
    void keepsOnlyTheSafeSubset(String content, String sanitized) {
        assertThat(Html.sanitized(content).html()).isEqualTo(sanitized);
    }

    @Test
    void givesPlatformsPlainTextWithParagraphsAsLinesAndLinksWithTheirAddress() {
        var sanitized = Html.sanitized("<p>Hello <strong>world</strong></p><p>Line<br>break &amp; more</p>"
                + "<ul><li>one</li><li>two</li></ul><p><a href=\"https://ok.test\">see</a> "
                + "<a href=\"https://ok.test/x\">https://ok.test/x</a></p>");

        var text = "Hello world\nLine\nbreak & more\n- one\n- two\nsee (https://ok.test) https://ok.test/x";
        assertThat(Html.text(sanitized.html())).isEqualTo(text);
        assertThat(sanitized.text()).isEqualTo(text);
    }

    @Test
    void keepsPlainTextAsItIs() {
        assertThat(Html.text(Html.sanitized("Just text\nwith a new line").html()))
                .isEqualTo("Just text\nwith a new line");
    }
}
