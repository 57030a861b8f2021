/** The API document (OpenAPI, served by springdoc) and Swagger UI: the public API and the admin API. */
package io.herald.apidocs;
