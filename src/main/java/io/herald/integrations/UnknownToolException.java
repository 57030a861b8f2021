package io.herald.integrations;

class UnknownToolException extends RuntimeException {

    private UnknownToolException(String message) {
        super(message);
    }

    static UnknownToolException forMethod(String identifier, String methodName) {
        return new UnknownToolException("The " + identifier + " provider has no tool " + methodName);
    }
}
