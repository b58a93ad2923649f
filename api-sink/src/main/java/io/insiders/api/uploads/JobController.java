package io.insiders.api.uploads;

import java.util.Map;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.openapi.ApiSchemas;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.security.ForbiddenResponses;
import io.insiders.api.web.ApiException;
import io.insiders.ingest.uploads.Job;
import io.insiders.ingest.uploads.JobBoard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The state of an upload job, from any instance, for the manager who uploaded the file. */
@RestController
@Tag(name = ApiDocs.TAG_JOBS)
public class JobController {

    private final JobBoard board;

    public JobController(JobBoard board) {
        this.board = board;
    }

    @Operation(summary = "Get state and infos about a job",
            description = "Replaces `/api/v1/matlab-jobs/{job}/info/`, which answers the same and is deprecated.\n\n"
                    + "This operation is restricted to the manager who created the job (uploaded its file).")
    @ApiResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = ApiSchemas.Job.class)))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping({"/api/v1/jobs/{job}/", "/api/v1/matlab-jobs/{job}/info/"})
    Map<String, Object> job(@Parameter(description = "Job identifier", example = "job-e429beeb-af8b-47ff-8e17-46e656fd5fa2")
                            @PathVariable("job") String jobId) {
        Job job = board.job(jobId).orElseThrow(ApiException::notFound);
        if (job.managerId() == null || job.managerId() != CurrentManager.require().id()) {
            throw ApiException.detail(HttpStatus.FORBIDDEN, ForbiddenResponses.NOT_PERMITTED);
        }
        return JobView.of(job);
    }
}
