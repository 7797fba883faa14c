package horizon.ticket;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns bad query parameters of the read API into 400 answers in the API's error shape. */
@RestControllerAdvice(assignableTypes = {TicketApiController.class, DirectoryApiController.class})
class ReadApiExceptionHandler {

    @ExceptionHandler(InvalidQuery.class)
    ResponseEntity<ApiError> invalid(InvalidQuery e) {
        return ResponseEntity.badRequest().body(ApiError.invalid(e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(ApiError.invalid(e.getName() + " has the wrong type"));
    }
}
