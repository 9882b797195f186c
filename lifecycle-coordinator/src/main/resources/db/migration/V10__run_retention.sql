-- The retention (FinishedRunRetention) looks for the oldest finished runs.
create index run_finished on run (finished_at) where finished_at is not null;
