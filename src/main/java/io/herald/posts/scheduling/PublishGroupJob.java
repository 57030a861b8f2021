package io.herald.posts.scheduling;

import io.herald.posts.domain.PublicationService;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Fires when a group has posts due; one run at a time per group, on whichever node acquired it. */
@DisallowConcurrentExecution
class PublishGroupJob implements Job {

    private final PublicationService publications;

    PublishGroupJob(PublicationService publications) {
        this.publications = publications;
    }

    @Override
    public void execute(JobExecutionContext context) {
        publications.publishDue(UUID.fromString(context.getJobDetail().getKey().getName()));
    }
}
