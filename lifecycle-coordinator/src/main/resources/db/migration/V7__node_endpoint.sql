-- The base URL of each node's executor HTTP API (from its heartbeat): the coordinator relays
-- service-log reads there. Null for a node that publishes none.
alter table node_heartbeat add column endpoint varchar(500);
