package io.herald.web;

import io.herald.kernel.StorableText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import tools.jackson.databind.JsonNode;

/**
 * A request field that is stored: a string, or a JSON tree (every string and key of it), holding no
 * character PostgreSQL refuses ({@link StorableText}). Null is valid; other constraints say whether
 * it may be absent.
 */
@Documented
@Constraint(validatedBy = {Storable.TextValidator.class, Storable.JsonValidator.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Storable {

    String message() default StorableText.REFUSAL;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class TextValidator implements ConstraintValidator<Storable, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || StorableText.isStorable(value);
        }
    }

    final class JsonValidator implements ConstraintValidator<Storable, JsonNode> {

        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            return value == null || StorableText.isStorable(value);
        }
    }
}
