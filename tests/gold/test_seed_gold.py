"""The five seed documents against the analysts' gold (tests/gold/seeds.csv, scope.csv)."""
from __future__ import annotations

import pandas as pd
import pytest

from goldutil import REPO, score_folder

GOLD = REPO / "tests" / "gold" / "seeds.csv"
SCOPE = REPO / "tests" / "gold" / "scope.csv"

# The gold's English descriptions → the catalog code each statement must map to.
EXPECTED_CODE = {
    "GRDP growth": "GRDP_GROWTH",
    "GRDP growth (average 2020-2025 term)": "GRDP_GROWTH",
    "share industry & construction": "SHARE_INDUSTRY_CONSTRUCTION",
    "share services & product taxes": "SHARE_SERVICES",
    "share agriculture, forestry, fishery": "SHARE_AGRICULTURE",
    "share industry, construction & services in GRDP": "SHARE_INDUSTRY_CONSTRUCTION_SERVICES",
    "industrial production value growth": "INDUSTRIAL_PRODUCTION_VALUE_GROWTH",
    "industry production value growth": "INDUSTRIAL_PRODUCTION_VALUE_GROWTH",
    "industry & construction production value growth": "INDUSTRY_CONSTRUCTION_PRODUCTION_VALUE_GROWTH",
    "construction production value growth": "CONSTRUCTION_PRODUCTION_VALUE_GROWTH",
    "agri production value growth": "AGRI_PRODUCTION_VALUE_GROWTH",
    "services production value growth": "SERVICES_PRODUCTION_VALUE_GROWTH",
    "agricultural labour share": "AGRI_LABOUR_SHARE",
    "export value growth": "EXPORT_GROWTH",
    "local export value growth": "LOCAL_EXPORT_GROWTH",
    "import value growth": "IMPORT_GROWTH",
    "total social investment growth": "TOTAL_SOCIAL_INVESTMENT_GROWTH",
    "GRDP per capita": "GRDP_PER_CAPITA",
    "income per capita": "INCOME_PER_CAPITA",
    "state budget revenue": "BUDGET_REVENUE_TOTAL",
    "domestic budget revenue excl. land and lottery": "BUDGET_REVENUE_DOMESTIC",
    "labour productivity growth": "LABOUR_PRODUCTIVITY_GROWTH",
    "trained labour share": "TRAINED_LABOUR_SHARE",
    "trained labour with certificates": "TRAINED_LABOUR_CERTIFIED_SHARE",
    "urban unemployment": "URBAN_UNEMPLOYMENT_RATE",
    "poverty rate reduction": "POVERTY_RATE_REDUCTION",
    "poverty rate reduction in poor districts": "POVERTY_RATE_REDUCTION_POOR_DISTRICTS",
    "social insurance coverage of workers": "SOCIAL_INSURANCE_COVERAGE",
    "health insurance coverage": "HEALTH_INSURANCE_COVERAGE",
    "new-rural communes in year": "NTM_COMMUNES_NEW",
    "advanced new-rural communes in year": "NTM_ADVANCED_COMMUNES_NEW",
    "districts completing new-rural tasks": "NTM_DISTRICTS",
    "communes meeting national health criteria": "COMMUNE_HEALTH_CRITERIA_SHARE",
    "national-standard schools share": "NATIONAL_STANDARD_SCHOOLS_SHARE",
    "schools newly meeting national standard": "NATIONAL_STANDARD_SCHOOLS_NEW",
    "schools meeting national standard (total)": "NATIONAL_STANDARD_SCHOOLS_TOTAL",
    "ethnic minority pupils in boarding schools": "BOARDING_SCHOOL_EM_PUPILS_SHARE",
    "upper-secondary graduation rate": "UPPER_SECONDARY_GRADUATION_RATE",
    "cultural families": "CULTURAL_FAMILIES_SHARE",
    "cultural villages": "CULTURAL_VILLAGES_SHARE",
    "cultural agencies": "CULTURAL_AGENCIES_SHARE",
    "social housing units completed": "SOCIAL_HOUSING_UNITS",
    "social housing floor area": "SOCIAL_HOUSING_FLOOR_AREA",
    "forest cover": "FOREST_COVER",
    "new forest planting": "NEW_FOREST_PLANTING",
    "rural hygienic water": "RURAL_HYGIENIC_WATER_SHARE",
    "industrial zones with wastewater treatment": "INDUSTRIAL_ZONE_WASTEWATER_SHARE",
    "industrial clusters with wastewater treatment": "INDUSTRIAL_CLUSTER_WASTEWATER_SHARE",
    "birth rate reduction": "BIRTH_RATE_REDUCTION",
    "underweight children under 5": "CHILD_UNDERWEIGHT_RATE",
    "hospital beds per 10,000 people": "HOSPITAL_BEDS_PER_10K",
    "doctors per 10,000 people": "DOCTORS_PER_10K",
    "new jobs": "NEW_JOBS",
    "new OCOP products (3 stars+)": "OCOP_PRODUCTS_NEW",
    "new cooperatives": "COOPERATIVES_NEW",
    "PAR index rank improvement": "PAR_INDEX_RANK_CHANGE",
    "PCI rank improvement": "PCI_RANK_CHANGE",
    "DTI rank improvement": "DTI_RANK_CHANGE",
    "full-process online public services share": "ONLINE_PUBLIC_SERVICES_FULL_SHARE",
    "new party members": "NEW_PARTY_MEMBERS",
    "party organisations rated good or better": "PARTY_ORGS_GOOD_SHARE",
    "party organisations rated excellent": "PARTY_ORGS_EXCELLENT_SHARE",
    "crime reports received and handled": "CRIME_REPORTS_HANDLED_SHARE",
    "crime investigation clearance rate": "CRIME_CLEARANCE_RATE",
    "reduction of public-order crimes": "PUBLIC_ORDER_CRIME_REDUCTION",
    "military recruitment / defence training completion": None,  # optional, no catalog code
}


@pytest.fixture(scope="module")
def scored():
    return score_folder(REPO / "raw", GOLD, SCOPE)


def test_seed_gold_precision_recall_f1(scored):
    report, _ = scored
    print(report.format())
    assert report.precision >= 0.95, report.format()
    assert report.recall >= 0.95, report.format()
    assert report.f1 >= 0.95, report.format()


def test_every_seed_document_scores(scored):
    report, _ = scored
    for doc, counts in report.per_document.items():
        assert counts.f1 >= 0.9, (doc, counts)


def test_every_gold_statement_maps_to_its_catalog_code(scored):
    report, predicted = scored
    gold = pd.read_csv(GOLD, keep_default_na=False)
    assert set(gold["indicator"]) <= set(EXPECTED_CODE), set(gold["indicator"]) - set(EXPECTED_CODE)
    wrong = []
    for gi, pi in report.matches:
        expected = EXPECTED_CODE[gold.iloc[gi]["indicator"]]
        got = predicted.iloc[pi]["indicator_code"]
        if expected is not None and got != expected:
            wrong.append((gold.iloc[gi]["document_id"], int(gold.iloc[gi]["source_line"]), expected, got))
    assert not wrong


def test_verdicts_sit_on_the_estimate(scored):
    report, predicted = scored
    gold = pd.read_csv(GOLD, keep_default_na=False)
    for gi, pi in report.matches:
        g = gold.iloc[gi]["verdict"] or None
        p = predicted.iloc[pi]["verdict"]
        assert (p if isinstance(p, str) else None) == g, (gold.iloc[gi].to_dict(), p)
