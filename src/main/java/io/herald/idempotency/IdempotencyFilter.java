package io.herald.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Around a request that carries an {@code Idempotency-Key}: keeps its body for the fingerprint and
 * its answer for the store. What to do with the key {@link IdempotencyInterceptor} decides once the
 * caller is known; when it claimed the key, the answer is stored here after the request (2xx and 4xx
 * but 429), or the claim is given up (5xx, 429: the client may try again). Runs after the body size
 * limit, so the body it keeps is bounded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class IdempotencyFilter extends OncePerRequestFilter {

    private final IdempotencyKeys keys;

    IdempotencyFilter(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(IdempotencyInterceptor.HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var body = new KeptBody(request);
        var answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(body, answer);
        } finally {
            if (body.getAttribute(IdempotencyInterceptor.CLAIMED) instanceof IdempotencyInterceptor.Claim claim) {
                var status = answer.getStatus();
                if (status < 500 && status != 429) {
                    keys.answer(
                            claim.organization(),
                            claim.key(),
                            status,
                            answer.getContentType(),
                            answer.getContentAsByteArray());
                } else {
                    keys.release(claim.organization(), claim.key());
                }
            }
            answer.copyBodyToResponse();
        }
    }

    /** The request with its body read once, when first asked for, and served again from memory. */
    static final class KeptBody extends HttpServletRequestWrapper {

        private byte[] bytes;

        KeptBody(HttpServletRequest request) {
            super(request);
        }

        /** The whole body (read within the size limit, which refuses a larger one). */
        byte[] bytes() throws IOException {
            if (bytes == null) {
                bytes = super.getInputStream().readAllBytes();
            }
            return bytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            var in = new ByteArrayInputStream(bytes());
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is read in memory");
                }
            };
        }
    }
}
