/** Small helpers every module may use, with no framework behind them: ids, digests, the API's time format. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.herald.kernel;
