package io.herald.posts.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fires when a group's posts are due. Publication itself is not built yet: it changes nothing. */
@DisallowConcurrentExecution
class PublishGroupJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(PublishGroupJob.class);

    @Override
    public void execute(JobExecutionContext context) {
        log.debug("Group {} is due", context.getJobDetail().getKey().getName());
    }
}
