-- Retries and timeouts per phase: the attempts a step may take, when its running attempt is given
-- up if no result came, and when its next attempt may start.
alter table run_step add column max_attempts integer not null default 1;
alter table run_step add column deadline timestamp with time zone;
alter table run_step add column retry_at timestamp with time zone;

create index run_step_running_deadline on run_step (deadline) where status = 'RUNNING';
