package io.herald.integrations;

import org.springframework.web.util.HtmlUtils;

/** The small page a browser sees at the end of a connection attempt, every value escaped. */
final class ConnectionPage {

    private ConnectionPage() {}

    static String of(Connection connection) {
        if (connection instanceof Connection.Connected connected) {
            var who = connected.name()
                    + (connected.handle() == null || connected.handle().isEmpty()
                            ? ""
                            : " (@" + connected.handle() + ")");
            return page(
                    connected.platform() + (connected.reconnected() ? " account reconnected" : " account connected"),
                    "<p>" + escape(who)
                            + (connected.reconnected()
                                    ? " was already connected: its integration now publishes with the new authorization, and keeps its posts."
                                    : " is connected.")
                            + "</p><p>Integration <code>" + connected.integrationId()
                            + "</code>. You can close this window.</p>");
        }
        if (connection instanceof Connection.Choice choice) {
            var options = new StringBuilder();
            for (var option : choice.options()) {
                var label = option.name()
                        + (option.handle() == null || option.handle().isEmpty() ? "" : " (" + option.handle() + ")");
                options.append("<li><form method=\"post\" action=\"choose\">")
                        .append("<input type=\"hidden\" name=\"token\" value=\"")
                        .append(escape(choice.token()))
                        .append("\"><button type=\"submit\" name=\"account\" value=\"")
                        .append(escape(option.id()))
                        .append("\">")
                        .append(escape(label))
                        .append("</button></form></li>");
            }
            return page(
                    "Choose the " + choice.platform() + " page to connect",
                    "<p>This account can publish as several pages; each connected page is a channel of its own."
                            + " Choose one (this offer lasts " + Connections.STATE_LIFETIME.toMinutes()
                            + " minutes):</p><ul>" + options + "</ul>");
        }
        var refused = (Connection.Refused) connection;
        return page(refused.title(), "<p>" + escape(refused.detail()) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Herald: " + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;"
                + "line-height:1.5}ul{list-style:none;padding:0}button{margin:.25rem 0;padding:.5rem 1rem}</style>"
                + "</head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
