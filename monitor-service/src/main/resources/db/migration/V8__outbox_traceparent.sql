-- The W3C traceparent of the span that caused a message: the relay sends it as a record header.
alter table outbox add column traceparent varchar(64);
-- The span that decided a pending restart: the restart request, sent when it falls due, continues it.
alter table instance_health add column restart_traceparent varchar(64);
