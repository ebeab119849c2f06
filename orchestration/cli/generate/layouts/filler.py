"""Filler narrative: sentences without figures that bring documents to the seeds' sizes."""
from __future__ import annotations

import random

FILLER = [
    "Tập trung chỉ đạo, ưu tiên triển khai các nhiệm vụ, giải pháp nhằm thúc đẩy tăng trưởng kinh tế của {tinh}, nhất là trong lĩnh vực thu hút các nguồn lực đầu tư, sản xuất kinh doanh.",
    "Tăng cường đầu tư phát triển đồng bộ kết cấu hạ tầng nhằm tạo ra những động lực đột phá để tăng trưởng kinh tế, hạ tầng các khu, cụm công nghiệp và dịch vụ du lịch.",
    "Triển khai đồng bộ các nhiệm vụ phát triển kinh tế - xã hội gắn với phát triển bền vững; phối hợp chặt chẽ với các bộ, ban, ngành Trung ương.",
    "Đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực cạnh tranh của {tinh}.",
    "Thúc đẩy các ứng dụng số, nền tảng số trên mọi lĩnh vực; nâng cao hiệu lực, hiệu quả quản lý nhà nước.",
    "Tăng cường công tác quốc phòng, quân sự, giữ vững an ninh chính trị và bảo đảm trật tự, an toàn xã hội.",
    "Chú trọng phát triển toàn diện, đồng bộ và nâng cao chất lượng các lĩnh vực văn hóa - xã hội, bảo đảm gắn kết hài hòa giữa phát triển kinh tế với phát triển xã hội.",
    "Thực hiện tốt chính sách an sinh xã hội, cải thiện đời sống vật chất và tinh thần của Nhân dân.",
    "Tháo gỡ khó khăn, vướng mắc về thủ tục đầu tư để đẩy nhanh tiến độ triển khai các dự án thương mại, dịch vụ trên địa bàn.",
    "Phát triển mạnh thị trường tiêu dùng nội địa; tăng cường hoạt động xúc tiến thương mại, ứng dụng chuyển đổi số và các nền tảng thương mại điện tử để giới thiệu sản phẩm của {tinh}.",
    "Thực hiện tốt công tác quản lý thị trường, giá cả, chất lượng hàng hóa và vệ sinh an toàn thực phẩm; kịp thời phát hiện và xử lý nghiêm các hành vi vi phạm.",
    "Phát triển hệ thống kết cấu hạ tầng nông nghiệp, nông thôn; kết nối nông thôn với đô thị theo hướng nông nghiệp sinh thái, nông thôn hiện đại, nông dân văn minh.",
    "Quyết liệt thực hiện các giải pháp phòng ngừa và kiểm soát dịch bệnh gia súc, gia cầm; chủ động ứng phó với biến đổi khí hậu, phòng, chống thiên tai.",
    "Đổi mới hoạt động xúc tiến đầu tư theo hướng trọng tâm, trọng điểm, có hiệu quả; chủ động trao đổi, thu hút các nhà đầu tư chiến lược.",
    "Khuyến khích, tạo điều kiện thuận lợi để phát triển khu vực kinh tế tư nhân thực sự trở thành động lực tăng trưởng quan trọng của nền kinh tế.",
    "Tiếp tục đổi mới, nâng cao chất lượng, hiệu quả hoạt động của các tổ chức kinh tế tập thể; tăng cường liên kết với các thành phần kinh tế khác.",
    "Tăng cường theo dõi, kiểm tra, kiểm soát việc kê khai thuế của các tổ chức, cá nhân theo quy định của pháp luật về thuế.",
    "Siết chặt kỷ luật, kỷ cương tài chính - ngân sách; quản lý chặt chẽ các khoản chi thường xuyên, đảm bảo tiết kiệm, hiệu quả.",
    "Thực hiện chính sách giảm nghèo đa chiều gắn với mục tiêu phát triển bền vững; bảo đảm mức sống tối thiểu, tăng khả năng tiếp cận các dịch vụ xã hội cơ bản của người dân.",
    "Thực hiện tốt công tác nuôi dưỡng, chăm sóc, điều dưỡng người có công với cách mạng; chi trả kịp thời, đúng, đủ trợ cấp ưu đãi theo quy định.",
    "Tạo điều kiện thuận lợi cho doanh nghiệp phát triển hoạt động sản xuất kinh doanh để đảm bảo việc làm ổn định cho người lao động.",
    "Tăng cường nề nếp kỷ cương; xây dựng môi trường giáo dục an toàn, lành mạnh, hạnh phúc, xây dựng văn hóa học đường.",
    "Nâng cao chất lượng giáo dục ở các cấp học hướng tới phát triển phẩm chất, năng lực người học; chú trọng giáo dục đạo đức, lối sống, kỹ năng sống.",
    "Nâng cao chất lượng khám bệnh, chữa bệnh, chăm sóc sức khỏe Nhân dân; củng cố mạng lưới y tế cơ sở, y tế dự phòng.",
    "Bảo tồn và phát huy giá trị di sản văn hóa; đẩy mạnh phong trào toàn dân đoàn kết xây dựng đời sống văn hóa.",
    "Tăng cường quản lý nhà nước về tài nguyên, môi trường; kiểm soát chặt chẽ các nguồn gây ô nhiễm, xử lý nghiêm các vi phạm.",
    "Rà soát, hoàn thiện hệ thống văn bản quy phạm pháp luật của {tinh}, bảo đảm đồng bộ, thống nhất, khả thi.",
    "Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước, phát triển chính quyền số, kinh tế số và xã hội số.",
    "Thực hiện nghiêm công tác tiếp công dân, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng, tiêu cực, lãng phí.",
    "Trong bối cảnh tình hình thế giới và trong nước còn nhiều khó khăn, các cấp, các ngành đã quyết liệt lãnh đạo, chỉ đạo, triển khai đồng bộ các nhiệm vụ, giải pháp đề ra.",
    "Với sự vào cuộc quyết liệt của cả hệ thống chính trị, sự đồng lòng của người dân và cộng đồng doanh nghiệp, {tinh} đã vượt qua nhiều khó khăn, thách thức.",
    "Cạnh tranh chiến lược ngày càng gay gắt, lạm phát tuy đã giảm nhưng vẫn ở mức cao, thương mại, tiêu dùng và đầu tư toàn cầu sụt giảm.",
    "Nhiều đơn hàng sản xuất bị cắt giảm dẫn tới tình trạng thu hẹp quy mô trong hoạt động công nghiệp chế biến, chế tạo.",
    "Công tác phối hợp giữa các cấp, các ngành có lúc chưa chặt chẽ; một số nhiệm vụ triển khai còn chậm so với yêu cầu.",
    "Công tác giải phóng mặt bằng một số dự án trọng điểm còn vướng mắc, ảnh hưởng đến tiến độ giải ngân vốn đầu tư công.",
    "Chất lượng nguồn nhân lực chưa đáp ứng yêu cầu phát triển; năng suất lao động còn thấp so với bình quân chung của vùng.",
    "Tiếp tục thực hiện hiệu quả các chương trình mục tiêu quốc gia; ưu tiên nguồn lực cho vùng đồng bào dân tộc thiểu số và miền núi.",
    "Nâng cao hiệu quả hoạt động đối ngoại, hợp tác quốc tế; quảng bá hình ảnh, tiềm năng, thế mạnh của {tinh} tới các nhà đầu tư.",
    "Chỉ đạo cơ quan chuyên môn xây dựng các cơ chế, chính sách nhằm thu hút, huy động các nguồn lực để đầu tư xây dựng và phát triển đô thị, nhà ở.",
    "Chủ động rà soát, bảo trì hệ thống truyền tải lưới điện; thực hiện các phương án đảm bảo cung ứng điện cho sản xuất kinh doanh và đời sống.",
]
TASK_HEADINGS = [
    "Phát triển công nghiệp, xây dựng", "Phát triển thương mại, dịch vụ", "Phát triển nông nghiệp, nông thôn",
    "Thu hút đầu tư, phát triển doanh nghiệp", "Tài chính, ngân sách", "Văn hóa, xã hội",
    "Giáo dục và đào tạo", "Y tế, chăm sóc sức khỏe Nhân dân", "Tài nguyên và môi trường",
    "Cải cách hành chính, chuyển đổi số", "Quốc phòng, an ninh", "Công tác đối ngoại",
]


def filler_paragraph(rng: random.Random, tinh: str, sentences: tuple[int, int] = (2, 5)) -> str:
    k = rng.randint(*sentences)
    return " ".join(rng.choice(FILLER) for _ in range(k)).replace("{tinh}", tinh)
