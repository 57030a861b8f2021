package io.herald.media;

import io.herald.web.ErrorResponses;
import io.herald.web.NestError;
import io.herald.web.PostizMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** The upload's refusals, in the bodies Postiz answers them with, and a media store that fails. */
@RestControllerAdvice(assignableTypes = {PublicUploadController.class, MediaFilesController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class MediaExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MediaExceptionHandler.class);

    /** Postiz answers this one with a bare {@code {"msg"}}. */
    @ExceptionHandler(MissingFileException.class)
    ResponseEntity<PostizMessage> missing(MissingFileException e) {
        log.warn("Upload refused: {}", e.getMessage());
        return PostizMessage.response(HttpStatus.BAD_REQUEST, "No file provided");
    }

    /** As class-validator's {@code @IsUrl} says it. */
    @ExceptionHandler(InvalidUrlException.class)
    ResponseEntity<NestError> invalidUrl(InvalidUrlException e) {
        return warn(HttpStatus.BAD_REQUEST, List.of("url must be a URL address"), e);
    }

    /** A URL Herald does not fetch from, or a file it could not fetch: the message says which. */
    @ExceptionHandler(RemoteFileException.class)
    ResponseEntity<NestError> remoteFile(RemoteFileException e) {
        return warn(HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }

    @ExceptionHandler(InvalidFileNameException.class)
    ResponseEntity<NestError> invalidName(InvalidFileNameException e) {
        return warn(HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }

    @ExceptionHandler(UnsupportedFileTypeException.class)
    ResponseEntity<NestError> unsupported(UnsupportedFileTypeException e) {
        return warn(HttpStatus.BAD_REQUEST, "Unsupported file type.", e);
    }

    /** Over its kind's limit, or over the largest any kind may have (the multipart parser's limit). */
    @ExceptionHandler({FileTooLargeException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<NestError> tooLarge(Exception e) {
        return warn(HttpStatus.PAYLOAD_TOO_LARGE, "Request entity too large", e);
    }

    /** 413 like a file over its limit: the file is larger than the room the organization has left. */
    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<NestError> quota(QuotaExceededException e) {
        return warn(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage(), e);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<NestError> malformed(MultipartException e) {
        return warn(HttpStatus.BAD_REQUEST, "Malformed multipart body", e);
    }

    /**
     * The storage, not the request, failed: 503 in the contract of the path (Nest's body for the
     * upload, a problem for {@code /media/}). Nothing was recorded (see {@link MediaLibrary#store}).
     */
    @ExceptionHandler(MediaStoreException.class)
    ResponseEntity<Object> storeFailed(HttpServletRequest request, MediaStoreException e) {
        log.error("Media store failed on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ErrorResponses.of(request, HttpStatus.SERVICE_UNAVAILABLE, "Media storage unavailable");
    }

    private static ResponseEntity<NestError> warn(HttpStatus status, Object message, Exception e) {
        log.warn("Upload refused with {}: {}", status.value(), e.getMessage());
        return NestError.response(status, message);
    }
}
