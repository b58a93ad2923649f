package io.insiders.ingest.asi;

/**
 * One GNSS fix of an ASI file, as it becomes a frame.
 *
 * <p>The frame's {@code gnss.timestamp} is {@link #timestamp()}; ASI files carry no heart rate.
 *
 * @param timestamp UTC time of the fix in epoch milliseconds
 * @param latitude  degrees, positive north
 * @param longitude degrees, positive east
 * @param altitude  height above mean sea level (u-blox hMSL) in metres
 * @param speed     ground speed in metres per second
 */
public record AsiFix(long timestamp, double latitude, double longitude, double altitude, double speed) {
}
