package io.insiders.api.bluetooth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.insiders.ingest.devicelink.BluetoothConfig;

/**
 * A device's Bluetooth configurations, the registry's entry {@code bluetooth/<device id>}: what the device runs as far
 * as the server knows ({@code current}, changed only by the device's reports) and what managers want it to run
 * ({@code target}, changed by {@code PATCH}).
 *
 * @param device the device's id
 * @param deviceName its name, the key of its messages on the device link
 * @param current the configuration the device last reported
 * @param target the configuration to send it
 * @param lastCommandId the id of the last command sent to it, or null
 * @param lastSentAt when that command was sent, epoch milliseconds, or null
 * @param lastReportedAt when the device last reported, epoch milliseconds (its own clock, or the server's when it gave none), or null
 */
public record BluetoothEntry(long device, String deviceName, BluetoothConfig current, BluetoothConfig target, String lastCommandId,
                             Long lastSentAt, Long lastReportedAt) {

    /** The registry's kind of entry. */
    public static final String KIND = "bluetooth";

    public BluetoothEntry {
        Objects.requireNonNull(deviceName, "deviceName");
        current = current == null ? BluetoothConfig.EMPTY : current;
        target = target == null ? BluetoothConfig.EMPTY : target;
    }

    /** A device nobody configured and that never reported: nothing paired, nothing wanted. */
    public static BluetoothEntry none(long device, String deviceName) {
        return new BluetoothEntry(device, deviceName, BluetoothConfig.EMPTY, BluetoothConfig.EMPTY, null, null, null);
    }

    BluetoothEntry withTarget(BluetoothConfig newTarget) {
        return new BluetoothEntry(device, deviceName, current, newTarget, lastCommandId, lastSentAt, lastReportedAt);
    }

    BluetoothEntry reported(BluetoothConfig running, long reportedAt) {
        return new BluetoothEntry(device, deviceName, running, target, lastCommandId, lastSentAt, reportedAt);
    }

    BluetoothEntry sent(String commandId, long sentAt) {
        return new BluetoothEntry(device, deviceName, current, target, commandId, sentAt, lastReportedAt);
    }

    BluetoothEntry named(String name) {
        return new BluetoothEntry(device, name, current, target, lastCommandId, lastSentAt, lastReportedAt);
    }

    /** The API's answer: {@code {"status": "success", "data": {"current": {...}, "target": {...}}}}. */
    public Map<String, Object> answer() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("current", current);
        data.put("target", target);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        return body;
    }
}
