/**
 * Small helpers every module may use: ids, digests, the API's time format, and work deferred to the
 * commit of the transaction (the one helper with a framework behind it: Spring's transaction hook).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.herald.kernel;
