-- Processed-message ids are forgotten after a retention (ProcessedMessagePruner): by age.
create index processed_message_processed_at on processed_message (processed_at);
