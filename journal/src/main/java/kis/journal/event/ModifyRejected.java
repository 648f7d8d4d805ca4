package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;

/**
 * KIS refused a revise or cancel (typically {@code 40330000 정정/취소할 수량이 없습니다}: it filled
 * first). The order keeps working as before.
 */
public record ModifyRejected(ClientOrderId orderId, String msgCd, String message, Instant recordedAt)
    implements OrderEvent {}
