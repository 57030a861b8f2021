package io.herald.posts.scheduling;

import io.herald.posts.domain.PublicationService;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Fires when a group has posts due, on whichever node acquired the trigger. Two runs for one group
 * at once are harmless: every post is claimed with a conditional update before it is sent.
 */
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
