package io.herald.posts.scheduling;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** An alarm of a group rang on this node: its posts are due, and this node's publisher takes them. */
class PublishGroupJob implements Job {

    private final PublicationDispatcher dispatcher;

    PublishGroupJob(PublicationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(JobExecutionContext context) {
        dispatcher.wake();
    }
}
