-- The retention (HealthHistoryRetention) looks for the oldest history entries.
create index health_history_at on health_history (at);
