package io.herald.posts.scheduling;

import io.herald.posts.publishing.PostsDue;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.context.ApplicationEventPublisher;

/** An alarm of a group rang on this node: its posts are due, and this node's publisher takes them. */
class PublishGroupJob implements Job {

    private final ApplicationEventPublisher events;

    PublishGroupJob(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void execute(JobExecutionContext context) {
        events.publishEvent(new PostsDue());
    }
}
