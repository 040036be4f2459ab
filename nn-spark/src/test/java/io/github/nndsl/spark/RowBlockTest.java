package io.github.nndsl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Packing the rows for the deal's shuffle moves every row to its shard, unchanged. */
class RowBlockTest {

  static final TestSpark.Blobs DATA = ShardedTrainingTest.DATA;

  static List<ShardRow> rows() {
    List<ShardRow> rows = new ArrayList<>();
    for (int i = 0; i < DATA.x().length; i++) {
      rows.add(ShardRow.of(DATA.x()[i], DATA.labels()[i]));
    }
    return rows;
  }

  /** Each shard's rows after packing and unpacking, in content order. */
  static List<List<ShardRow>> dealt(int shards, int maxRows, List<Integer> blockSizes) {
    List<List<ShardRow>> out = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      out.add(new ArrayList<>());
    }
    Iterator<Tuple2<Integer, RowBlock>> blocks = RowBlock.pack(rows().iterator(), 4, shards, maxRows);
    while (blocks.hasNext()) {
      Tuple2<Integer, RowBlock> b = blocks.next();
      blockSizes.add(b._2().rows());
      b._2().unpackInto(out.get(b._1()));
    }
    out.forEach(list -> list.sort(Shard.CONTENT_ORDER));
    return out;
  }

  @Test
  void everyRowReachesItsShardUnchangedInBlocksOfAtMostMaxRows() {
    List<List<ShardRow>> expected = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      expected.add(new ArrayList<>());
    }
    for (ShardRow row : rows()) {
      expected.get(Shard.shardOf(row.hash(), 3)).add(row);
    }
    expected.forEach(list -> list.sort(Shard.CONTENT_ORDER));
    for (int maxRows : new int[] {1, 3, 7, 1000}) {
      List<Integer> sizes = new ArrayList<>();
      List<List<ShardRow>> dealt = dealt(3, maxRows, sizes);
      for (int s = 0; s < 3; s++) {
        assertEquals(expected.get(s).size(), dealt.get(s).size(), "shard " + s + ", maxRows " + maxRows);
        for (int r = 0; r < dealt.get(s).size(); r++) {
          ShardRow want = expected.get(s).get(r);
          ShardRow got = dealt.get(s).get(r);
          assertArrayEquals(want.features(), got.features());
          assertEquals(want.label(), got.label());
          assertEquals(want.hash(), got.hash());
        }
      }
      assertEquals(60, sizes.stream().mapToInt(Integer::intValue).sum(), "maxRows " + maxRows);
      assertTrue(sizes.stream().allMatch(n -> n >= 1 && n <= maxRows), sizes + " for maxRows " + maxRows);
      // a block is handed on as it fills, the rest at the end: ceil(n / maxRows) blocks a shard
      int blocks = 0;
      for (List<ShardRow> shard : expected) {
        blocks += (shard.size() + maxRows - 1) / maxRows;
      }
      assertEquals(blocks, sizes.size(), "maxRows " + maxRows);
    }
  }

  @Test
  void aBlockHoldsAboutSixtyFiveThousandValues() {
    assertEquals(16384, RowBlock.maxRows(4));
    assertEquals(1, RowBlock.maxRows(100_000));
  }
}
