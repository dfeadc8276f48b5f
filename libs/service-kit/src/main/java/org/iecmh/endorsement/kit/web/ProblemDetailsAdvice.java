package org.iecmh.endorsement.kit.web;

import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.iecmh.endorsement.contracts.association.InvalidAssociation;
import org.iecmh.endorsement.kit.files.FileNotAuthentic;
import org.iecmh.endorsement.kit.files.FilesNotConfigured;
import org.iecmh.endorsement.kit.files.MissingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error as an RFC 9457 problem. Invalid input names each field and the rule it breaks:
 * {@code "errors": [{"field": "category", "rule": "NotBlank", "message": "must not be blank"}]}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final URI INVALID_REQUEST = URI.create("urn:iecmh:problem:invalid-request");
    public static final URI DOMAIN_RULE = URI.create("urn:iecmh:problem:domain-rule");
    public static final URI NOT_FOUND = URI.create("urn:iecmh:problem:not-found");
    public static final URI UNIDENTIFIED = URI.create("urn:iecmh:problem:unidentified-caller");
    public static final URI FORBIDDEN = URI.create("urn:iecmh:problem:forbidden");
    public static final URI GONE = URI.create("urn:iecmh:problem:gone");
    /** A stored file that is not the one recorded (altered, replaced, sealed under another key): never served. */
    public static final URI FILE_NOT_AUTHENTIC = URI.create("urn:iecmh:problem:file-not-authentic");
    /** A recorded file whose object is gone from the store. */
    public static final URI FILE_MISSING = URI.create("urn:iecmh:problem:file-missing");
    public static final URI FILES_NOT_CONFIGURED = URI.create("urn:iecmh:problem:files-not-configured");

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> violation(error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        error))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        // A validated request body reports its fields; any other parameter (a header, a query parameter) itself.
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> violation(error instanceof FieldError field ? field.getField()
                                : result.getMethodParameter().getParameterName(), error)))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    /** A required query parameter that is missing names itself, rule {@code NotNull}. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(List.of(Map.of("field", ex.getParameterName(),
                "rule", "NotNull", "message", "is required"))));
    }

    /**
     * A body that cannot be read: broken JSON names the body, a value of the wrong kind (an unknown enum name, text
     * where a number belongs) names its field, with rule {@code type}.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        Map<String, String> error;
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JacksonException.Reference reference : jackson.getPath()) {
                if (reference.getPropertyName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            error = Map.of("field", field.toString(), "rule", "type",
                    "message", "is not a value of the expected kind");
        } else {
            error = Map.of("field", "body", "rule", "json", "message", "is not readable JSON");
        }
        return ResponseEntity.badRequest().body(invalid(List.of(error)));
    }

    /** Validation by a proxy ({@code @Validated} beans) rather than by Spring MVC: the same answer. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(violation -> Map.of(
                        "field", lastNode(violation.getPropertyPath().toString()),
                        "rule", violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(),
                        "message", violation.getMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<Object> invalidRequest(InvalidRequest ex) {
        return ResponseEntity.badRequest().body(invalid(List.of(
                Map.of("field", ex.field(), "rule", ex.rule(), "message", ex.getMessage()))));
    }

    /** An association record that breaks rules: every violation, each with its field path and rule. */
    @ExceptionHandler(InvalidAssociation.class)
    ResponseEntity<Object> invalidAssociation(InvalidAssociation ex) {
        return ResponseEntity.badRequest().body(invalid(ex.violations().stream()
                .map(violation -> Map.of("field", violation.field(), "rule", violation.rule(),
                        "message", violation.message()))
                .toList()));
    }

    /** A query parameter or path variable of the wrong kind (a date that is not one) names itself, rule {@code type}. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return ResponseEntity.badRequest().body(invalid(List.of(
                Map.of("field", ex.getName(), "rule", "type", "message", "is not a value of the expected kind"))));
    }

    @ExceptionHandler(ResourceGone.class)
    ProblemDetail gone(ResourceGone gone) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, gone.getMessage());
        problem.setType(GONE);
        problem.setTitle("Gone");
        problem.setProperty("rule", gone.rule());
        return problem;
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail domainRule(DomainRuleViolation violation) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, violation.getMessage());
        problem.setType(DOMAIN_RULE);
        problem.setTitle("The request breaks a rule");
        problem.setProperty("rule", violation.rule());
        violation.details().forEach(problem::setProperty);
        return problem;
    }

    /**
     * Two requests raced and a unique rule refused the second (a read model's unique index, a record created twice
     * under one id, an aggregate changed by someone else meanwhile): it may be looked at and sent again.
     */
    @ExceptionHandler({DuplicateKeyException.class, AggregateStreamCreationException.class, ConcurrencyException.class})
    ProblemDetail concurrentChange(RuntimeException duplicate) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Another change to the same record came first");
        problem.setType(DOMAIN_RULE);
        problem.setTitle("The request breaks a rule");
        problem.setProperty("rule", "concurrent-change");
        return problem;
    }

    @ExceptionHandler({UnknownResource.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException unknown) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                unknown instanceof UnknownResource ? unknown.getMessage() : "No such record");
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        return problem;
    }

    /**
     * The file store answered with bytes that are not the file recorded: the service refuses to pass them on (502, as
     * the store behind it failed), and tells its operators, who must find out how the object changed.
     */
    @ExceptionHandler(FileNotAuthentic.class)
    ProblemDetail fileNotAuthentic(FileNotAuthentic notAuthentic) {
        log.error("A stored file is not the file recorded; it was not served: {}", notAuthentic.getMessage());
        return storeProblem(FILE_NOT_AUTHENTIC, "file-not-authentic",
                "The stored file is not the one recorded; it is not served. The association's operators are told.");
    }

    @ExceptionHandler(MissingFile.class)
    ProblemDetail missingFile(MissingFile missing) {
        log.error("A recorded file is missing from the store: {}", missing.getMessage());
        return storeProblem(FILE_MISSING, "file-missing",
                "The recorded file is missing from the store. The association's operators are told.");
    }

    @ExceptionHandler(FilesNotConfigured.class)
    ProblemDetail filesNotConfigured(FilesNotConfigured notConfigured) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                notConfigured.getMessage());
        problem.setType(FILES_NOT_CONFIGURED);
        problem.setTitle("Files not configured");
        problem.setProperty("rule", "files-not-configured");
        return problem;
    }

    private static ProblemDetail storeProblem(URI type, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, detail);
        problem.setType(type);
        problem.setTitle("The file store failed");
        problem.setProperty("rule", rule);
        return problem;
    }

    @ExceptionHandler(ActorArgumentResolver.MissingActor.class)
    ProblemDetail unidentified(ActorArgumentResolver.MissingActor missing) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, missing.getMessage());
        problem.setType(UNIDENTIFIED);
        problem.setTitle("Who is asking?");
        problem.setProperty("header", missing.header());
        return problem;
    }

    @ExceptionHandler(ActorArgumentResolver.NotGranted.class)
    ProblemDetail notGranted(ActorArgumentResolver.NotGranted notGranted) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, notGranted.getMessage());
        problem.setType(FORBIDDEN);
        problem.setTitle("Not allowed");
        return problem;
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s"));
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static Map<String, String> violation(String field, MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        // Codes run from the most specific ("NotBlank.request.category") to the bare constraint name ("NotBlank").
        String rule = codes == null || codes.length == 0 ? "invalid" : codes[codes.length - 1];
        return Map.of("field", field, "rule", rule,
                "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }
}
