package io.insiders.api.uploads;

import java.util.Map;

import io.insiders.api.web.ApiException;
import io.insiders.ingest.uploads.Job;
import io.insiders.ingest.uploads.JobBoard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The state of an upload job, from any instance. */
@RestController
public class JobController {

    private final JobBoard board;

    public JobController(JobBoard board) {
        this.board = board;
    }

    @GetMapping({"/api/v1/jobs/{job}/", "/api/v1/matlab-jobs/{job}/info/"})
    Map<String, Object> job(@PathVariable("job") String jobId) {
        Job job = board.job(jobId).orElseThrow(ApiException::notFound);
        return JobView.of(job);
    }
}
