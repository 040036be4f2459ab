/** A consumer on the module path: nn-dsl's module passes nn-core on (requires transitive). */
module xor.consumer {
  requires io.github.nndsl.dsl;

  exports xor.consumer;
}
