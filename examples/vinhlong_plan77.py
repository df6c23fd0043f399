"""Vĩnh Long's Plan 77/KH-UBND (2023): where the province stands, as of any date.

Plan 77 implements the national strategy for the digital transformation of the press
(348/QĐ-TTg) in Vĩnh Long. This script is the library's showcase. It:

1. builds the plan with the Python API (``build_plan`` below) and checks that it equals the
   plan file ``vinhlong_plan77.toml``, which a province can edit without Python;
2. loads the observations in ``data/``. These figures are ILLUSTRATIVE, not published data:
   no results against Plan 77 have been published, so every report made from them says so;
3. evaluates the plan as of a date (default: today);
4. prints the scorecard as a table and writes an HTML report.

What the plan text does not give, and how this example handles it:

- The text stops after the fourth target for 2030 (``plan77_text.vi.txt``). Sections III and
  IV and **Phụ lục I** (the per-year targets) are missing. Expected values between the
  milestones are therefore interpolated (linear), not taken from the plan. The plan file shows
  where Phụ lục I's values go (``schedule = {...}``).
- The exact dates of the April 2025 merger of Báo Vĩnh Long and Đài PT-TH Vĩnh Long are not
  known, and neither is the fate of Tạp chí Văn nghệ Cửu Long in 2025. Each unit's ``note``
  says so.
- Where Plan 77 differs from 348/QĐ-TTg, the target's ``note`` says so. For example, converged
  newsrooms: "trên 60%" by 2025, where the national strategy asks 80%.

Run it::

    python examples/vinhlong_plan77.py                      # as of today, in Vietnamese
    python examples/vinhlong_plan77.py --as-of 2026-01-01 --lang en --html report.html
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import policytargets as pt
from policytargets.report import render

HERE = Path(__file__).resolve().parent
PLAN_FILE = HERE / "vinhlong_plan77.toml"
DATA_FILES = (HERE / "data" / "plan77_observations.csv", HERE / "data" / "plan77_revisions.csv")
NATIONAL_STRATEGY = "348-2023"
"""The id of 348/QĐ-TTg in ``national_348.toml``, the plan whose targets Plan 77 implements."""


def build_plan() -> pt.Plan:
    """Plan 77/KH-UBND with the Python API: the same plan as ``vinhlong_plan77.toml``."""
    agencies = pt.Population(
        id="press-agencies",
        name="Cơ quan báo chí tỉnh",
        name_en="Provincial press agencies",
        note=(
            "The plan's 'cơ quan báo chí tỉnh': the province's three press agencies. The science "
            "journal of Trường Đại học Cửu Long is a university's journal, not a provincial "
            "agency, so it is not counted."
        ),
        units=[
            pt.Unit(
                id="dai-ptth-vinh-long",
                name="Đài Phát thanh – Truyền hình Vĩnh Long",
                active_until=dt.date(2025, 4, 13),
                successor="bao-ptth-vinh-long",
                attributes={"kind": "broadcaster"},
                note=(
                    "Merged with Báo Vĩnh Long in April 2025. The merger was announced around "
                    "14/4/2025; its exact effective date is not known here, so the end date "
                    "13/4/2025 is an assumption."
                ),
            ),
            pt.Unit(
                id="bao-vinh-long",
                name="Báo Vĩnh Long",
                active_until=dt.date(2025, 4, 13),
                successor="bao-ptth-vinh-long",
                attributes={"kind": "newspaper"},
                note=(
                    "Merged with Đài PT-TH Vĩnh Long in April 2025. The merger was announced "
                    "around 14/4/2025; its exact effective date is not known here, so the end "
                    "date 13/4/2025 is an assumption."
                ),
            ),
            pt.Unit(
                id="tap-chi-van-nghe-cuu-long",
                name="Tạp chí Văn nghệ Cửu Long",
                attributes={"kind": "magazine"},
                note=(
                    "The provincial magazine ('Tạp chí tỉnh' of II.1, bullet 11). Its fate in "
                    "2025 (kept, merged or closed) is not known here, so it is modelled as still "
                    "active."
                ),
            ),
            pt.Unit(
                id="bao-ptth-vinh-long",
                name="Báo và Phát thanh, Truyền hình Vĩnh Long",
                active_from=dt.date(2025, 4, 14),  # not certain: see the note
                active_until=dt.date(2025, 6, 30),
                successor="bao-ptth-vinh-long-2025-07",
                attributes={"kind": "multimedia"},
                note=(
                    "Formed by merging Báo Vĩnh Long and Đài PT-TH Vĩnh Long; 14/4/2025 is the "
                    "announcement date, the exact effective date is not known here. Ends when "
                    "the three provinces merged on 1/7/2025."
                ),
            ),
            pt.Unit(
                id="bao-ptth-vinh-long-2025-07",
                name="Báo và Phát thanh, Truyền hình Vĩnh Long",
                active_from=dt.date(2025, 7, 1),  # not certain: see the note
                attributes={"kind": "multimedia"},
                note=(
                    "The press agency of the new Vĩnh Long province (Vĩnh Long, Bến Tre and Trà "
                    "Vinh merged on 1/7/2025), absorbing the former Bến Tre and Trà Vinh "
                    "agencies: 1 radio channel, 5 TV channels (THVL1–THVL5), a print paper in "
                    "Vietnamese and Khmer, and Vĩnh Long Online. Its start is the provinces' "
                    "merger date; the date of the agency's own reorganisation decision is not "
                    "known here."
                ),
            ),
        ],
    )
    targets = [
        pt.Target(
            id="digital-platforms",
            title=(
                "70% cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số (ưu tiên các nền tảng "
                "số trong nước)"
            ),
            title_en=(
                "70% of provincial press agencies put their content on digital platforms "
                "(domestic digital platforms preferred)"
            ),
            rule=pt.ThresholdShare(
                population=agencies.id, measure="publishes-on-digital-platforms"
            ),
            milestones=[
                pt.Milestone(2025, ">= 70%"),
                pt.Milestone(2030, ">= 100%", strive=True),
            ],
            # An analysis choice, not in the plan's text: rate progress with the open-sdg /
            # Statistics Canada method as well. It adds a record; it never changes a status.
            progress=pt.ProgressSpec("statcan", direction="positive"),
            implements=pt.TargetLink(NATIONAL_STRATEGY, "digital-platforms"),
            source="II.1, bullet 1; II.2, bullet 1",
            note=(
                "Tỷ lệ cơ quan báo chí hoạt động trong năm đưa nội dung lên nền tảng số: tối "
                "thiểu 70% đến năm 2025 và phấn đấu 100% đến năm 2030, cùng mức với Chiến lược "
                "quốc gia 348/QĐ-TTg. Việc ưu tiên nền tảng số trong nước không được đo."
            ),
            note_en=(
                "Share of the agencies active in the year that publish on digital platforms: at "
                "least 70% by 2025, and 'phấn đấu 100%' (aspirational) by 2030, the same figures "
                "as the national strategy 348/QĐ-TTg. The preference for domestic platforms is "
                "not measured."
            ),
        ),
        pt.Target(
            id="data-ai-platform",
            title=(
                "50% cơ quan báo chí tỉnh sử dụng sử dụng nền tảng phân tích, xử lý dữ liệu tổng "
                "hợp tập trung, ứng dụng trí tuệ nhân tạo để tối ưu hóa hoạt động"
            ),
            title_en=(
                "50% of provincial press agencies use a centralised platform for analysing and "
                "processing aggregated data, applying artificial intelligence to optimise their "
                "operations"
            ),
            rule=pt.ThresholdShare(population=agencies.id, measure="uses-data-ai-platform"),
            milestones=[
                pt.Milestone(2025, ">= 50%"),
                pt.Milestone(2030, ">= 100%", strive=True),
            ],
            implements=pt.TargetLink(NATIONAL_STRATEGY, "data-ai-platform"),
            source="II.1, bullet 2; II.2, bullet 2",
            note=(
                "Tỷ lệ cơ quan báo chí sử dụng nền tảng tập trung phân tích, xử lý dữ liệu và "
                "trí tuệ nhân tạo: tối thiểu 50% đến năm 2025 (như 348/QĐ-TTg) và phấn đấu 100%"
                " đến năm 2030, trong khi Chiến lược quốc gia chỉ yêu cầu 90%: ở chỉ tiêu này "
                "Kế hoạch 77 cao hơn mức quốc gia."
            ),
            note_en=(
                "Share of agencies using a centralised data-analysis and AI platform: at least "
                "50% by 2025 (as in 348/QĐ-TTg), and 'phấn đấu 100%' by 2030, where the national "
                "strategy asks only 90%: Plan 77 goes further than the national target here."
            ),
        ),
        pt.Target(
            id="converged-newsroom",
            title=(
                "Phấn đấu trên 60% cơ quan báo chí tỉnh hoạt động, vận hành mô hình tòa soạn hội tụ"
            ),
            title_en=(
                "Strive for more than 60% of provincial press agencies to operate a converged "
                "newsroom model"
            ),
            rule=pt.ThresholdShare(population=agencies.id, measure="operates-converged-newsroom"),
            milestones=[
                pt.Milestone(2025, "> 60%", strive=True),
                pt.Milestone(2030, ">= 100%", strive=True),
            ],
            implements=pt.TargetLink(NATIONAL_STRATEGY, "converged-newsroom"),
            source="II.1, bullet 3; II.2, bullet 3",
            note=(
                "'Phấn đấu trên 60%' được hiểu là lớn hơn hẳn 60%, mang tính phấn đấu; Chiến "
                "lược quốc gia 348/QĐ-TTg yêu cầu 80% đến năm 2025, nên Kế hoạch 77 thấp hơn 20"
                " điểm phần trăm (cả hai đều yêu cầu 100% đến năm 2030). Ý về năm 2030 còn nêu "
                "các mô hình tòa soạn mới và nội dung theo xu hướng số, ở đây chỉ được tính qua"
                " chỉ số tòa soạn hội tụ."
            ),
            note_en=(
                "'Phấn đấu trên 60%' is modelled as strictly more than 60%, aspirational; the "
                "national strategy 348/QĐ-TTg asks 80% by 2025, so Plan 77 is 20 points below it "
                "(both ask 100% by 2030). The 2030 bullet also names newer newsroom models and "
                "digital-trend content, which are counted here only through the "
                "converged-newsroom measure."
            ),
        ),
        pt.Target(
            id="multimedia-agency",
            title="phát triển cơ quan truyền thông đa phương tiện của địa phương",
            title_en="develop the locality's multimedia communication agency",
            rule=pt.BooleanCompliance(measure="has-local-multimedia-agency"),
            milestones=[
                pt.Milestone(2025, "= true"),
            ],
            source="II.1, bullet 3",
            note=(
                "Nửa sau của gạch đầu dòng thứ 3 không nêu con số, nên được coi là một sự kiện "
                "có/không của cả tỉnh: đến cuối năm 2025 địa phương có cơ quan truyền thông đa "
                "phương tiện hoạt động. Chỉ tiêu không được đánh dấu phấn đấu vì 'phấn đấu' chỉ"
                " áp dụng cho nửa đầu của gạch đầu dòng (cách hiểu cần được xác nhận)."
            ),
            note_en=(
                "The second half of bullet 3 gives no number, so it is a yes/no fact for the "
                "whole province: a local multimedia agency operates by the end of 2025. It is "
                "not marked aspirational because 'phấn đấu' governs the first half of the bullet "
                "(a reading to confirm)."
            ),
        ),
        pt.Target(
            id="revenue-to-plan",
            title=(
                "Các cơ quan báo chí tỉnh tối ưu hóa nguồn thu, phấn đấu giữ vững doanh thu đạt "
                "kế hoạch"
            ),
            title_en=(
                "Provincial press agencies optimise their sources of revenue and strive to keep "
                "revenue at the planned level"
            ),
            rule=pt.Ratio(
                population=agencies.id, numerator="revenue", denominator="planned-revenue"
            ),
            milestones=[
                pt.Milestone(2025, ">= 100%", strive=True),
                pt.Milestone(2030, ">= 100%", strive=True),
            ],
            implements=pt.TargetLink(NATIONAL_STRATEGY, "revenue-growth"),
            source="II.1, bullet 4; II.2, bullet 4",
            note=(
                "Doanh thu thực hiện so với doanh thu kế hoạch, cộng chung các cơ quan, tối "
                "thiểu 100% (phấn đấu); khi cộng chung, phần vượt của cơ quan này bù được phần "
                "thiếu của cơ quan khác. Chiến lược quốc gia 348/QĐ-TTg yêu cầu cao hơn: 30% "
                "(2025) và 50% (2030) số cơ quan tăng doanh thu ít nhất 20%, còn Kế hoạch 77 "
                "chỉ yêu cầu giữ doanh thu theo kế hoạch."
            ),
            note_en=(
                "Actual revenue over planned revenue, summed over the agencies, at least 100% "
                "(aspirational, 'phấn đấu'); summing lets one agency's surplus cover another's "
                "shortfall. The national strategy 348/QĐ-TTg asks more: 30% (2025) and 50% "
                "(2030) of agencies raising revenue by at least 20%, where Plan 77 only asks to "
                "keep revenue at plan."
            ),
        ),
        pt.Target(
            id="staff-training",
            title=(
                "100% lãnh đạo, cán bộ, phóng viên, biên tập viên các cơ quan báo chí tỉnh được "
                "đào tạo, bồi dưỡng kiến thức, kỹ năng về chuyển đổi số báo chí"
            ),
            title_en=(
                "100% of the leaders, officials, reporters and editors of the provincial press "
                "agencies are trained in the knowledge and skills of press digital transformation"
            ),
            rule=pt.Ratio(population=agencies.id, numerator="staff-trained", denominator="staff"),
            milestones=[
                pt.Milestone(2025, ">= 100%"),
            ],
            implements=pt.TargetLink(NATIONAL_STRATEGY, "staff-training"),
            source="II.1, bullet 5",
            note=(
                "Số người được đào tạo trên tổng số lãnh đạo, cán bộ, phóng viên, biên tập "
                "viên, cộng chung các cơ quan chứ không lấy bình quân từng cơ quan, đạt 100% "
                "đến năm 2025; Chiến lược quốc gia cũng yêu cầu 100%."
            ),
            note_en=(
                "Trained staff over all staff (leaders, officials, reporters, editors), counted "
                "across the agencies rather than averaged per agency, at least 100% by 2025; the "
                "national strategy also asks 100%."
            ),
        ),
        pt.Target(
            id="information-security",
            title=(
                "100% cơ quan báo chí điện tử có giải pháp đảm bảo an toàn, an ninh hệ thống "
                "thông tin cấp độ 3 trở lên"
            ),
            title_en=(
                "100% of electronic press agencies have solutions ensuring the safety and "
                "security of their information systems at level 3 or higher"
            ),
            rule=pt.ThresholdShare(
                population=agencies.id, measure="security-level", condition="security-level >= 3"
            ),
            milestones=[
                pt.Milestone(2025, ">= 100%"),
            ],
            implements=pt.TargetLink(NATIONAL_STRATEGY, "information-security"),
            source="II.1, bullet 6",
            note=(
                "Tỷ lệ cơ quan có hệ thống thông tin được bảo đảm an toàn từ cấp độ 3 trở lên. "
                "Mẫu số của kế hoạch là các cơ quan báo điện tử, chưa có trong dữ liệu ban đầu,"
                " nên ví dụ này dùng toàn bộ cơ quan báo chí tỉnh; tỉnh nên thu hẹp tập hợp về "
                "các cơ quan báo điện tử của mình."
            ),
            note_en=(
                "Share of agencies whose information systems are secured at level 3 or higher. "
                "The plan's denominator is the electronic press agencies, which the seeds do not "
                "list, so this example uses all provincial press agencies; a province should "
                "narrow the population to its electronic press agencies."
            ),
        ),
        pt.Target(
            id="rural-access",
            title=(
                "Giảm tỷ lệ mất cân đối trong thụ hưởng các sản phẩm báo chí của cơ quan báo chí "
                "tỉnh giữa khu vực thành phố và các vùng nông thôn, vùng sâu, vùng xa, đạt mức "
                "60%/40%"
            ),
            title_en=(
                "Reduce the imbalance between the city and rural, deep-lying and remote areas in "
                "the enjoyment of the provincial press agencies' products, reaching 60%/40%"
            ),
            rule=pt.Ratio(numerator="rural-press-consumption", denominator="press-consumption"),
            milestones=[
                pt.Milestone(2025, ">= 40%"),
            ],
            source="II.1, bullet 7",
            note=(
                "Kế hoạch ghi chỉ tiêu dưới dạng tỷ lệ 60%/40% (thành thị/nông thôn); ở đây "
                "được hiểu là lượng tiếp cận sản phẩm báo chí tỉnh ở nông thôn trên tổng lượng "
                "tiếp cận, toàn tỉnh, tối thiểu 40% đến năm 2025. Bảng của Quyết định "
                "531/QĐ-BTTTT có cùng điểm đích (từ 68%/32% năm 2022 đến 60%/40% năm 2025)."
            ),
            note_en=(
                "The plan shows the target as the split 60%/40% (city/rural); it is modelled as "
                "rural consumption over total consumption of the provincial press's products, "
                "province-wide, at least 40% by 2025. The national 531/QĐ-BTTTT table has the "
                "same end point (68%/32% in 2022 to 60%/40% in 2025)."
            ),
        ),
        pt.Target(
            id="new-articles-growth",
            title=(
                "Hàng năm, các cơ quan báo chí tỉnh tăng số lượng tin, bài mới phục vụ nhiệm vụ "
                "chính trị, bảo vệ Tổ quốc, thông tin thiết yếu"
            ),
            title_en=(
                "Every year, the provincial press agencies increase the number of new news items "
                "and articles serving political tasks, national defence and essential information"
            ),
            rule=pt.Growth(measure="new-articles"),
            every=pt.Recurring(2024, 2025, "> 0%"),
            source="II.1, bullet 8",
            note=(
                "'Hàng năm … tăng' là mức tăng trên 0% so với năm trước, đánh giá hằng năm từ "
                "2024 (năm trọn vẹn đầu tiên của kế hoạch) đến 2025, trên số liệu toàn tỉnh. "
                "Sau khi hợp nhất tỉnh tháng 7/2025, tỉnh rộng hơn, nên số liệu năm 2025 phải "
                "cùng phạm vi với năm 2024 (số liệu của ví dụ tính các cơ quan của tỉnh Vĩnh "
                "Long cũ)."
            ),
            note_en=(
                "'Hàng năm … tăng' is growth above 0% over the previous year, judged every year "
                "from 2024 (the first full year of the plan) to 2025, on the province-wide "
                "count. After the July 2025 merger the province is larger, so the 2025 figure "
                "must be like for like with 2024 (the example's data counts the former Vĩnh Long "
                "agencies)."
            ),
        ),
        pt.Target(
            id="verified-information-growth",
            title=(
                "Tăng thông tin tích cực, thông tin được kiểm chứng, thông tin chuyên sâu được "
                "đăng tải, lan tỏa trên báo chí, truyền thông tỉnh"
            ),
            title_en=(
                "Increase the positive, verified and in-depth information published and spread "
                "in the province's press and media"
            ),
            rule=pt.Growth(measure="positive-verified-information", base=2023),
            milestones=[
                pt.Milestone(2025, "> 0%"),
            ],
            source="II.1, bullet 9",
            note=(
                "Kế hoạch không nêu con số hay năm gốc, nên chỉ tiêu là bất kỳ mức tăng nào "
                "(trên 0%) của số tin bài loại này toàn tỉnh năm 2025 so với năm 2023, năm ban "
                "hành kế hoạch; mức độ lan tỏa không được đo."
            ),
            note_en=(
                "The plan gives neither a figure nor a base year, so this is any growth (above "
                "0%) of the province-wide count of such items in 2025 over 2023, the year the "
                "plan was issued; how far it spreads ('lan tỏa') is not measured."
            ),
        ),
        pt.Target(
            id="press-autonomy",
            title="Trên 30% cơ quan báo chí tỉnh tự chủ",
            title_en="More than 30% of provincial press agencies are autonomous",
            rule=pt.ThresholdShare(population=agencies.id, measure="financially-autonomous"),
            milestones=[
                pt.Milestone(2025, "> 30%"),
            ],
            source="II.1, bullet 10",
            note=(
                "'Trên 30%' là lớn hơn hẳn 30%, và 'tự chủ' được hiểu là tự chủ tài chính của "
                "đơn vị sự nghiệp công lập. Chỉ cần một cơ quan là đủ, dù có ba cơ quan (1/3) "
                "hay hai cơ quan (1/2)."
            ),
            note_en=(
                "'Trên 30%' is strictly more than 30%, and 'tự chủ' is read as financial "
                "autonomy (tự chủ tài chính) of a public service unit. One agency is enough both "
                "with three agencies (1/3) and with two (1/2)."
            ),
        ),
        pt.Target(
            id="state-orders",
            title=(
                "Nhà nước đặt hàng, giao nhiệm vụ thực hiện nhiệm vụ chính trị và thông tin "
                "thiết yếu theo quy định"
            ),
            title_en=(
                "The State places orders with and assigns tasks to the agencies for political "
                "tasks and essential information, as regulated"
            ),
            rule=pt.BooleanCompliance(measure="state-commissioning"),
            milestones=[
                pt.Milestone(2025, "= true"),
            ],
            source="II.1, bullet 10",
            note=(
                "Đây là cơ chế tài chính chứ không phải con số: được hiểu là sự kiện có/không "
                "của cả tỉnh rằng đến cuối năm 2025 Nhà nước đặt hàng hoặc giao nhiệm vụ thông "
                "tin chính trị, thông tin thiết yếu cho các cơ quan báo chí theo quy định hiện "
                "hành."
            ),
            note_en=(
                "A funding mechanism rather than a number: modelled as a yes/no fact for the "
                "whole province that the State orders or assigns the agencies' political-task "
                "and essential-information work under the rules in force, by the end of 2025."
            ),
        ),
        pt.Target(
            id="magazine-relicensed",
            title=(
                "Tạp chí tỉnh được cấp phép lại, đảm bảo hoạt động đúng tính chất chuyên sâu, "
                "chuyên ngành"
            ),
            title_en=(
                "The provincial magazine is relicensed, ensuring that it operates true to its "
                "in-depth, specialised character"
            ),
            rule=pt.BooleanCompliance(unit="tap-chi-van-nghe-cuu-long", measure="relicensed"),
            milestones=[
                pt.Milestone(2025, "= true"),
            ],
            source="II.1, bullet 11",
            note=(
                "'Tạp chí tỉnh' là Tạp chí Văn nghệ Cửu Long; được hiểu là sự kiện có/không của"
                " đơn vị này, tính theo báo cáo gần nhất đến cuối năm 2025. Việc hoạt động đúng"
                " tôn chỉ, mục đích chuyên ngành được coi là đã thể hiện qua giấy phép mới, "
                "không đo riêng."
            ),
            note_en=(
                "'Tạp chí tỉnh' is Tạp chí Văn nghệ Cửu Long; modelled as a yes/no fact on that "
                "unit, the latest report by the end of 2025 counting. Operating true to its "
                "specialised character is taken as attested by the new licence, not measured "
                "separately."
            ),
        ),
    ]
    measures = [
        pt.Measure(
            "revenue",
            "Doanh thu",
            name_en="Revenue",
            unit_of_measure="tỷ đồng",
            unit_of_measure_en="billion VND",
            kind="number",
            min=0,
            description="Doanh thu của cơ quan báo chí trong năm / an agency's revenue in the year",
        ),
        pt.Measure(
            "planned-revenue",
            "Doanh thu kế hoạch",
            name_en="Planned revenue",
            unit_of_measure="tỷ đồng",
            unit_of_measure_en="billion VND",
            kind="number",
            min=0,
            description=(
                "Doanh thu được giao trong kế hoạch năm / the revenue assigned in the year's plan"
            ),
        ),
        pt.Measure(
            "staff",
            "Lãnh đạo, cán bộ, phóng viên, biên tập viên",
            name_en="Leaders, officials, reporters and editors",
            unit_of_measure="người",
            unit_of_measure_en="people",
            kind="number",
            min=0,
        ),
        pt.Measure(
            "staff-trained",
            "Người được đào tạo, bồi dưỡng về chuyển đổi số",
            name_en="Staff trained in digital transformation",
            unit_of_measure="người",
            unit_of_measure_en="people",
            kind="number",
            min=0,
            at_most="staff",
        ),
        pt.Measure(
            "press-consumption",
            "Người thường xuyên tiếp cận báo chí tỉnh",
            name_en="People regularly using the provincial press",
            unit_of_measure="người",
            unit_of_measure_en="people",
            kind="number",
            min=0,
        ),
        pt.Measure(
            "rural-press-consumption",
            "Người ở nông thôn, vùng sâu, vùng xa thường xuyên tiếp cận báo chí tỉnh",
            name_en="Rural and remote people regularly using the provincial press",
            unit_of_measure="người",
            unit_of_measure_en="people",
            kind="number",
            min=0,
            at_most="press-consumption",
        ),
        pt.Measure(
            "new-articles",
            "Tin, bài mới phục vụ nhiệm vụ chính trị, thông tin thiết yếu",
            name_en="New articles on political tasks and essential information",
            unit_of_measure="tin bài",
            unit_of_measure_en="items",
            kind="number",
            min=0,
            description="Số tin bài trong năm / items a year",
        ),
        pt.Measure(
            "positive-verified-information",
            "Tin bài tích cực, được kiểm chứng, chuyên sâu",
            name_en="Positive, verified, in-depth items",
            unit_of_measure="tin bài",
            unit_of_measure_en="items",
            kind="number",
            min=0,
            description="Số tin bài trong năm / items a year",
        ),
        pt.Measure(
            "security-level",
            "Cấp độ an toàn hệ thống thông tin",
            name_en="Information system security level",
            unit_of_measure="cấp độ",
            unit_of_measure_en="level",
            kind="number",
            min=1,
            max=5,
        ),
    ]
    return pt.Plan(
        id="vinhlong-77-2023",
        number="77/KH-UBND",
        title=(
            "Kế hoạch triển khai Chiến lược Chuyển đổi số báo chí đến năm 2025, định hướng đến "
            "năm 2030 trên địa bàn tỉnh Vĩnh Long"
        ),
        title_en=(
            "Plan to implement the Strategy for the Digital Transformation of the Press to 2025, "
            "with orientation to 2030, in Vĩnh Long province"
        ),
        issuer="Ủy ban nhân dân tỉnh Vĩnh Long",
        issued=dt.date(2023, 10, 30),
        effective=dt.date(2023, 10, 30),
        implements=["348/QĐ-TTg"],
        note=(
            "Văn bản nhận được bị cắt sau gạch đầu dòng thứ tư của mục II.2 (thiếu mục III, IV "
            "và Phụ lục I, các chỉ tiêu theo từng năm); cho đến khi bổ sung Phụ lục I, giá trị "
            "kỳ vọng giữa các mốc được nội suy, không lấy từ kế hoạch."
        ),
        note_en=(
            "The text as received is truncated after the fourth bullet of II.2 (sections III, IV "
            "and Phụ lục I, the per-year targets, are missing); until Phụ lục I is added, "
            "expected values between milestones are interpolated, not taken from the plan."
        ),
        reporting=pt.ReportingCalendar("12-15"),  # Công văn 1369/BTTTT-CBC: before 15 December
        populations=[agencies],
        targets=targets,
        measure_descriptions=measures,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate Plan 77 on the illustrative data, print the table and write the HTML report."""
    parser = argparse.ArgumentParser(description="Plan 77/KH-UBND scorecard (illustrative data)")
    parser.add_argument(
        "--as-of",
        type=pt.parse_date,
        default=dt.date.today(),
        help=(
            "evaluation date: 2026-01-01, 01/01/2026 or 'ngày 1 tháng 1 năm 2026' (default: today)"
        ),
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="report language")
    parser.add_argument(
        "--html",
        type=Path,
        default=Path("vinhlong_plan77_report.html"),
        help="where to write the HTML report (default: ./vinhlong_plan77_report.html)",
    )
    args = parser.parse_args(argv)

    plan = build_plan()
    if plan != pt.load_plan(PLAN_FILE):
        print(f"build_plan() and {PLAN_FILE.name} describe different plans", file=sys.stderr)
        return 1
    observations = pt.load_observations(*DATA_FILES)
    scorecard = pt.evaluate(plan, observations, as_of=args.as_of)

    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    print(render(scorecard, "table", lang=args.lang), end="")
    html = render(scorecard, "html", lang=args.lang, observations=observations)
    args.html.write_text(html, encoding="utf-8")
    print(f"\nHTML report: {args.html}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
