-- name: InsertDelivery :exec
INSERT INTO deliveries (delivery_id, month, recipient, channel, file_name, attempt,
                        attempted_at, status, error, next_attempt_at, message_id)
VALUES (nextval('delivery_id_seq'), $month, $recipient, $channel, $file_name,
        (SELECT coalesce(max(attempt), 0) + 1 FROM deliveries
         WHERE month = $month AND recipient = $recipient AND channel = $channel),
        $attempted_at, $status, $error, $next_attempt_at, $message_id);
