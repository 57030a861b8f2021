/** Shared web plumbing: the two error contracts, request limits, admin authentication, public URLs. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.herald.web;
