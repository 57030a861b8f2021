/** Post content: the safe HTML Herald stores and the plain text platforms receive. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.herald.content;
