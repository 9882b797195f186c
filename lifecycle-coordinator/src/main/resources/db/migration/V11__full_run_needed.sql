-- Set by `ays reset` and by a removedata run: the instance's next install is never "up to date"
-- and its next start runs the install's phases first. A successful install or start clears it.
alter table service_instance add column full_run_needed boolean not null default false;
