package io.insiders.api.openapi;

/**
 * The names that the API's annotations share with the OpenAPI document: tags, reusable responses and
 * schemas (as {@code $ref}s), security schemes. Use them in {@code @Tag}, {@code @ApiResponse(ref = ...)},
 * {@code @Schema(ref = ...)} and {@code @SecurityRequirement}, so that every endpoint is described the
 * same way. See {@code docs/api-conventions.md}.
 */
public final class ApiDocs {

    /** {@code GET /api/v1/me/}. */
    public static final String TAG_ACCOUNT = "Account";
    /** {@code POST /api/v1/auth/token/}. */
    public static final String TAG_AUTHENTICATION = "Authentication";
    /** {@code /api/v1/managers/...}. */
    public static final String TAG_MANAGERS = "Managers";
    /** {@code /api/v1/devices/...}, bluetooth and ASI uploads included. */
    public static final String TAG_DEVICES = "Devices";
    /** {@code /api/v1/device-ownerships/...}. */
    public static final String TAG_DEVICE_OWNERSHIPS = "Device ownerships";
    /** {@code /api/v1/devices/{device}/preprocessed-data/...}. */
    public static final String TAG_PREPROCESSED_DATA = "Preprocessed data";
    /** {@code /api/v1/jobs/...}. */
    public static final String TAG_JOBS = "Jobs";
    /** {@code /api/v1/schema/}. */
    public static final String TAG_SCHEMA = "Schema";

    /** 400 with {@code {"field": ["..."]}}, {@code {"non_field_errors": ["..."]}} or {@code {"detail": "..."}}. */
    public static final String BAD_REQUEST = "#/components/responses/BadRequest";
    /** 403 {@code {"detail": "..."}}: credentials missing or wrong, or not allowed. */
    public static final String FORBIDDEN = "#/components/responses/Forbidden";
    /** 404 {@code {"detail": "Not found."}}. */
    public static final String NOT_FOUND = "#/components/responses/NotFound";
    /** 415 {@code {"detail": "Unsupported media type \"...\" in request."}}. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "#/components/responses/UnsupportedMediaType";
    /** 429 with {@code Retry-After} and {@code {"detail": "Request was throttled. Expected available in N seconds."}}. */
    public static final String THROTTLED = "#/components/responses/Throttled";
    /** 503 with {@code Retry-After}: the device's data is being moved or restored. */
    public static final String UNAVAILABLE = "#/components/responses/Unavailable";

    /** {@code {"detail": "..."}}. */
    public static final String ERROR_SCHEMA = "#/components/schemas/Error";
    /** {@code {"field": ["..."], "non_field_errors": ["..."]}}. */
    public static final String VALIDATION_ERROR_SCHEMA = "#/components/schemas/ValidationError";
    /** Either of the above: what a 400 answers when the body can be malformed as well as invalid. */
    public static final String BAD_REQUEST_SCHEMA = "#/components/schemas/BadRequestError";

    /** HTTP Basic with the user's name and password. */
    public static final String BASIC_AUTH = "basicAuth";
    /** {@code Authorization: Token <token>} (or {@code Bearer <token>}) from {@code POST /api/v1/auth/token/}. */
    public static final String TOKEN_AUTH = "tokenAuth";

    /** The header that tells a client how many seconds to wait before it tries again (429, 503). */
    public static final String RETRY_AFTER = "Retry-After";

    private ApiDocs() {
    }
}
