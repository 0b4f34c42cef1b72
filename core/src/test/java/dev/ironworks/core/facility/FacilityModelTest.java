package dev.ironworks.core.facility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.Topology;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Server power, rack layout, storage sizing and average power (docs/architecture.md, Power). */
class FacilityModelTest {
  private static final Provenance TEST = new Provenance("estimate: test", "2025-01", "");

  // DGX H100: 8 × H100 SXM at 700 W; NVIDIA rates the system 10.2 kW, so the host is 4.6 kW.
  private static final int GPUS_PER_DGX = 8;
  private static final double H100_TDP_WATTS = 700;
  private static final double DGX_HOST_WATTS = 4_600;
  private static final int DGX_RACK_UNITS = 8;

  // A 42U rack with 4U kept for power shelves and top-of-rack gear leaves 38U.
  private static final int RACK_UNITS = 42;
  private static final int RESERVED_RACK_UNITS = 4;

  private static final double AIR_RACK_WATTS = 40_000;
  private static final double LIQUID_RACK_WATTS = 132_000;
  private static final double M2_PER_RACK = 3.0;

  private static final double IDLE_FRACTION = 0.25;
  private static final double LOAD_FRACTION = 0.85;

  /** Sums of a few hundred exactly representable products: 1e-6 W is far below a watt. */
  private static final double WATTS = 1e-6;

  static final Accelerator H100 =
      new Accelerator(
          "h100",
          "H100 SXM",
          "NVIDIA",
          AcceleratorKind.GPU,
          2022,
          OptionalDouble.of(67e12),
          OptionalDouble.of(989e12),
          OptionalDouble.of(989e12),
          OptionalDouble.of(1979e12),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          80e9,
          "HBM3",
          3.35e12,
          "nvlink4",
          450e9,
          H100_TDP_WATTS,
          OptionalDouble.of(25_000),
          OptionalDouble.of(2.5),
          150,
          "dgx-h100",
          "ga",
          1,
          TEST,
          2022,
          List.of(),
          OptionalDouble.empty());

  static final ServerSpec DGX_H100 = server("dgx-h100", false);

  static ServerSpec server(String id, boolean liquidOnly) {
    return new ServerSpec(
        id,
        id,
        "h100",
        GPUS_PER_DGX,
        DGX_HOST_WATTS,
        OptionalDouble.of(10_200),
        200_000,
        DGX_RACK_UNITS,
        8,
        8,
        400,
        liquidOnly,
        1_000,
        TEST,
        1);
  }

  static final ScaleUpInterconnect NVLINK =
      new ScaleUpInterconnect("nvlink4", "NVLink 4", 450e9, 256, ScaleUpTopology.SWITCHED, TEST);

  static final CoolingType AIR = cooling("air", false, 1.4, AIR_RACK_WATTS);
  static final CoolingType LIQUID = cooling("liquid-cold-plate", true, 1.15, LIQUID_RACK_WATTS);

  static CoolingType cooling(String id, boolean liquid, double pue, double maxRackWatts) {
    return new CoolingType(id, id, 1.0, 2.0, pue, maxRackWatts, liquid, false, M2_PER_RACK, TEST);
  }

  static final Assumptions ASSUMPTIONS =
      new Assumptions(
          "default",
          new Lifetimes(4, 5, 7, 5, 20),
          0.05,
          10,
          2,
          150_000,
          10,
          500,
          0.01,
          List.of(),
          IDLE_FRACTION,
          LOAD_FRACTION,
          RACK_UNITS,
          RESERVED_RACK_UNITS,
          TEST);

  static final StorageTier FLASH =
      new StorageTier("flash", "flash", 200, 40, 20, 5_000, 2, 1e4, TEST);

  /** A fabric of some switches and transceivers, as the network package would report it. */
  static FabricBom fabric(long switches, double switchWatts, double transceiverWatts) {
    return new FabricBom(
        "ib",
        Topology.FAT_TREE,
        1.0,
        2,
        1000,
        1000,
        switches,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        switchWatts,
        transceiverWatts,
        0,
        0,
        0,
        0,
        0);
  }

  private static ClusterSizing size(int gpus, ServerSpec server, CoolingType cooling) {
    return FacilityModel.size(
        gpus, H100, server, NVLINK, cooling, fabric(0, 0, 0), 1, StorageSizing.none(), ASSUMPTIONS);
  }

  @Test
  void dgxH100PeakIsEightTimesSevenHundredWattsPlusTheHost() {
    double peak = GPUS_PER_DGX * H100_TDP_WATTS + DGX_HOST_WATTS;
    assertEquals(10_200, peak, 0.0);
    assertEquals(peak, DGX_H100.peakPowerWatts(H100_TDP_WATTS), 0.0);
    assertEquals(peak, size(8, DGX_H100, AIR).serverPeakPowerWatts(), 0.0);
  }

  @Test
  void serversRoundUpToHoldEveryAccelerator() {
    assertEquals(125, FacilityModel.serverCount(1_000, DGX_H100));
    assertEquals(126, FacilityModel.serverCount(1_001, DGX_H100));
    assertEquals(1, FacilityModel.serverCount(1, DGX_H100));
  }

  @Test
  void airRackOfFortyKilowattsHoldsThreeDgxH100ByPower() {
    // 40 kW / 10.2 kW = 3.9 → 3; 38U / 8U = 4 would fit, so power binds.
    int byPower = (int) Math.floor(AIR_RACK_WATTS / 10_200);
    ClusterSizing sizing = size(1_000, DGX_H100, AIR);
    assertEquals(3, byPower);
    assertEquals(byPower, sizing.serversPerRack());
    assertEquals(byPower * 10_200, sizing.computeRackPeakPowerWatts(), 0.0);
    assertEquals((125 + byPower - 1) / byPower, sizing.computeRackCount()); // 42 racks
  }

  @Test
  void liquidRackOfOneHundredThirtyTwoKilowattsIsLimitedByRackUnits() {
    // 132 kW / 10.2 kW = 12 by power, but 38 usable U / 8U = 4 by space.
    int byUnits = (RACK_UNITS - RESERVED_RACK_UNITS) / DGX_RACK_UNITS;
    ClusterSizing sizing = size(1_000, DGX_H100, LIQUID);
    assertEquals(4, byUnits);
    assertEquals(byUnits, sizing.serversPerRack());
    assertEquals(32, sizing.computeRackCount()); // ⌈125 / 4⌉
  }

  @Test
  void racksOfEveryKindSetTheFloorArea() {
    // 45 one-U switches fill ⌈45 / 38⌉ = 2 network racks; 5 PB of storage at 2 PB a rack, 3.
    StorageSizing storage =
        FacilityModel.storage(new StorageChoice("flash", 5, OptionalDouble.empty()), FLASH);
    ClusterSizing sizing =
        FacilityModel.size(
            1_000, H100, DGX_H100, NVLINK, AIR, fabric(45, 0, 0), 1, storage, ASSUMPTIONS);
    assertEquals(42, sizing.computeRackCount());
    assertEquals(2, sizing.networkRackCount());
    assertEquals(3, sizing.storageRackCount());
    assertEquals(47, sizing.rackCount());
    assertEquals(47 * M2_PER_RACK, sizing.floorAreaM2(), 1e-9);
  }

  @Test
  void scaleUpDomainsNeverExceedTheCluster() {
    assertEquals(8, size(1_000, DGX_H100, AIR).scaleUpDomainSize());
    assertEquals(125, size(1_000, DGX_H100, AIR).scaleUpDomainCount());
    assertEquals(4, size(4, DGX_H100, AIR).scaleUpDomainSize());
    assertEquals(1, size(4, DGX_H100, AIR).scaleUpDomainCount());
  }

  @Test
  void liquidOnlyServerOnAirIsInfeasibleOnTheSiteCooling() {
    ServerSpec liquidOnly = server("liquid-only", true);
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> size(8, liquidOnly, AIR));
    assertEquals("site.cooling", e.field());
    // The same server racks fine on liquid.
    assertEquals(4, size(8, liquidOnly, LIQUID).serversPerRack());
  }

  @Test
  void serverHotterThanTheRackLimitIsInfeasible() {
    CoolingType weakAir = cooling("weak-air", false, 1.5, 10_000); // below one 10.2 kW server
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> size(8, DGX_H100, weakAir));
    assertEquals("site.cooling", e.field());
  }

  @Test
  void storageCapacityRisesToMeetWriteBandwidth() {
    // 1 PB asked at 100 GB/s; the tier writes 20 GB/s per PB, so 5 PB are built.
    double writeGbPerSecond = 100;
    StorageSizing sizing =
        FacilityModel.storage(
            new StorageChoice("flash", 1, OptionalDouble.of(writeGbPerSecond)), FLASH);
    double capacity = writeGbPerSecond / FLASH.writeGigabytesPerSecondPerPetabyte();
    assertEquals(1, sizing.requestedPetabytes(), 0.0);
    assertEquals(5, capacity, 0.0);
    assertEquals(capacity, sizing.capacityPetabytes(), 1e-12);
    assertEquals(writeGbPerSecond, sizing.writeGigabytesPerSecond(), 1e-9);
    assertEquals(
        capacity * FLASH.readGigabytesPerSecondPerPetabyte(),
        sizing.readGigabytesPerSecond(),
        1e-9);
    assertEquals(capacity * FLASH.wattsPerPetabyte(), sizing.powerWatts(), WATTS);
    assertEquals(3, sizing.rackCount()); // ⌈5 / 2⌉
  }

  @Test
  void storageKeepsTheAskedCapacityWhenItAlreadyWritesFastEnough() {
    StorageSizing sizing =
        FacilityModel.storage(new StorageChoice("flash", 10, OptionalDouble.of(100)), FLASH);
    assertEquals(10, sizing.capacityPetabytes(), 0.0);
    assertEquals(200, sizing.writeGigabytesPerSecond(), 1e-9);
    assertEquals(5, sizing.rackCount());
  }

  @Test
  void averagePowerIsPeakTimesIdlePlusLoadMinusIdleTimesUtilization() {
    int gpus = 1_000;
    long servers = 125;
    double utilization = 0.8;
    double pue = 1.5;
    double networkWatts = 30_000 + 6_000;
    double storageWatts = 25_000;
    StorageSizing storage = new StorageSizing("flash", 5, 5, 100, 200, storageWatts, 3, 0);
    PowerReport power =
        FacilityModel.power(
            gpus,
            H100,
            DGX_H100,
            servers,
            fabric(20, 30_000, 6_000),
            storage,
            pue,
            utilization,
            OptionalDouble.empty(),
            ASSUMPTIONS);

    double serversPeak = gpus * H100_TDP_WATTS + servers * DGX_HOST_WATTS; // 1,275,000 W
    double serversAverage =
        serversPeak * (IDLE_FRACTION + (LOAD_FRACTION - IDLE_FRACTION) * utilization);
    assertEquals(gpus * H100_TDP_WATTS, power.acceleratorTdpWatts(), WATTS);
    assertEquals(serversPeak, power.serversPeakWatts(), WATTS);
    assertEquals(networkWatts, power.networkWatts(), WATTS);
    assertEquals(storageWatts, power.storageWatts(), WATTS);
    assertEquals(serversPeak + networkWatts + storageWatts, power.itPeakWatts(), WATTS);
    assertEquals(serversAverage, power.serversAverageWatts(), WATTS);
    assertEquals(930_750, power.serversAverageWatts(), WATTS); // 1,275,000 × 0.73
    assertEquals(serversAverage + networkWatts + storageWatts, power.itAverageWatts(), WATTS);
    assertEquals(
        serversPeak * LOAD_FRACTION + networkWatts + storageWatts, power.itBusyWatts(), WATTS);
    assertFalse(power.measuredAverage());
    // Facility = IT × PUE.
    assertEquals(power.itPeakWatts() * pue, power.facilityPeakWatts(), WATTS);
    assertEquals(power.itAverageWatts() * pue, power.facilityAverageWatts(), WATTS);
    assertEquals(power.itPeakWatts() * (pue - 1), power.overheadPeakWatts(), WATTS);
  }

  @Test
  void seedFigureCountsOnlyAcceleratorTdpThroughThePue() {
    // 1,000 H100 × 700 W × PUE 1.5 = 1.05 MW.
    PowerReport power =
        FacilityModel.power(
            1_000,
            H100,
            DGX_H100,
            125,
            fabric(0, 0, 0),
            StorageSizing.none(),
            1.5,
            0.8,
            OptionalDouble.empty(),
            ASSUMPTIONS);
    assertEquals(1.05e6, power.acceleratorOnlyFacilityWatts(), WATTS);
  }

  @Test
  void measuredPerAcceleratorFigureReplacesTheAverage() {
    int gpus = 1_000;
    double measuredWatts = 1_100;
    PowerReport modelled =
        FacilityModel.power(
            gpus,
            H100,
            DGX_H100,
            125,
            fabric(20, 30_000, 6_000),
            StorageSizing.none(),
            1.2,
            0.8,
            OptionalDouble.empty(),
            ASSUMPTIONS);
    PowerReport measured =
        FacilityModel.power(
            gpus,
            H100,
            DGX_H100,
            125,
            fabric(20, 30_000, 6_000),
            StorageSizing.none(),
            1.2,
            0.8,
            OptionalDouble.of(measuredWatts),
            ASSUMPTIONS);
    assertTrue(measured.measuredAverage());
    assertEquals(gpus * measuredWatts, measured.itAverageWatts(), WATTS);
    assertEquals(gpus * measuredWatts, measured.itBusyWatts(), WATTS);
    // Peak still sizes the plant from the parts.
    assertEquals(modelled.itPeakWatts(), measured.itPeakWatts(), 0.0);
  }
}
