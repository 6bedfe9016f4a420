-- name: DeliveryStates :many
-- The latest attempt of each month, recipient and channel.
SELECT month, recipient, channel, file_name, attempt, attempted_at, status,
       coalesce(error, ''), next_attempt_at, coalesce(message_id, '')
FROM deliveries
QUALIFY row_number() OVER (PARTITION BY month, recipient, channel ORDER BY attempt DESC) = 1
ORDER BY month DESC, recipient, channel;
