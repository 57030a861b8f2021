package io.herald.integrations.linkedin;

/**
 * Who a LinkedIn integration posts as: a member ({@code linkedin}, {@code urn:li:person:<id>}) or
 * an organization page it administers ({@code linkedin-page}, {@code urn:li:organization:<id>}).
 */
enum Author {
    MEMBER("linkedin", "urn:li:person:", "openid profile w_member_social"),
    PAGE("linkedin-page", "urn:li:organization:", "r_organization_admin w_organization_social");

    final String identifier;

    final String urnPrefix;

    final String scopes;

    Author(String identifier, String urnPrefix, String scopes) {
        this.identifier = identifier;
        this.urnPrefix = urnPrefix;
        this.scopes = scopes;
    }
}
