package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Named tensors in numpy's {@code .npz} format: read with DJL's decoder, written uncompressed as
 * {@code numpy.savez} does (DJL's own encoder deflates, several times slower for weights).
 */
final class NpzFiles {

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int NPY_ALIGNMENT = 64;

    private NpzFiles() {}

    /**
     * All named arrays of an npz stream, attached to {@code manager}.
     *
     * @throws IllegalArgumentException if the stream is not a readable npz
     */
    static SequencedMap<String, NDArray> read(InputStream in, NDManager manager) {
        SequencedMap<String, NDArray> arrays = new LinkedHashMap<>();
        for (NDArray array : NDList.decode(manager, in)) {
            if (array.getName() != null) {
                arrays.put(array.getName(), array);
            }
        }
        return arrays;
    }

    /** Writes float32 arrays as {@code <name>.npy} entries of an uncompressed zip. */
    static void write(SequencedMap<String, NDArray> arrays, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NDArray> named : arrays.entrySet()) {
            byte[] npy = npy(named.getValue());
            CRC32 crc = new CRC32();
            crc.update(npy);
            ZipEntry entry = new ZipEntry(named.getKey() + ".npy");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(npy.length);
            entry.setCompressedSize(npy.length);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(npy);
            zip.closeEntry();
        }
        zip.finish();
    }

    /** An npy (format 1.0) image of a float32 array, little-endian and C-ordered. */
    private static byte[] npy(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("only float32 arrays are written, got " + array.getDataType());
        }
        long[] dims = array.getShape().getShape();
        String shape = Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", "));
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (")
                .append(shape)
                .append(dims.length == 1 ? ",), }" : "), }");
        // Magic, version and header length take 10 bytes; the header ends in a newline at a multiple of 64.
        int prefix = NPY_MAGIC.length + 2;
        while ((prefix + header.length() + 1) % NPY_ALIGNMENT != 0) {
            header.append(' ');
        }
        header.append('\n');
        float[] values = array.toFloatArray();
        ByteBuffer npy = ByteBuffer.allocate(prefix + header.length() + Float.BYTES * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        npy.put(NPY_MAGIC).putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
        npy.asFloatBuffer().put(values);
        return npy.array();
    }
}
