"""Word lists for the synthetic store: Indian first names and surnames, salon services and products."""

from __future__ import annotations

FIRST_NAMES = (
    "Aarav Aditi Aditya Akash Akshay Amit Amrita Ananya Anil Anita Anjali Ankit Anupam Anusha Arjun Arun "
    "Aruna Asha Ashok Ayesha Bhavana Bhavesh Chandan Chitra Deepa Deepak Devendra Dhruv Divya Farhan "
    "Gaurav Geeta Gopal Harish Harsha Hema Indira Isha Jaya Jyoti Kabir Kajal Kamala Karan Kavita Kiran "
    "Krishna Kunal Lakshmi Lata Madhu Mahesh Manish Manoj Meena Meera Mohan Mohini Mukesh Nandini Naveen "
    "Neha Nikhil Nisha Nitin Padma Pallavi Pankaj Pooja Prakash Pranav Preeti Priya Rahul Rajesh Rakesh "
    "Ramesh Rani Ravi Rekha Ritu Rohan Sachin Sagar Sameer Sandeep Sanjay Sarita Seema Shalini Shankar "
    "Sharmila Shilpa Shreya Shweta Simran Sneha Sonal Srinivas Subhash Sudha Sunil Sunita Suresh Swati "
    "Tanvi Tara Tarun Uma Usha Varun Vidya Vijay Vikram Vinod Vishal Yamini Yash Zara Zoya Farida Imran "
    "Salim Ruksana Joseph Mary Thomas Annamma Gurpreet Harpreet Jaspreet Manpreet Baljeet Tenzin"
).split()

SURNAMES = (
    "Acharya Agarwal Ahmed Bajaj Banerjee Bhat Bhatt Bose Chatterjee Chauhan Chopra Das Desai Deshpande "
    "Dubey Dutta Fernandes Gandhi Ghosh Gill Goswami Gupta Hegde Iyer Iyengar Jain Joshi Kapoor Kaur "
    "Khan Khanna Kulkarni Kumar Malhotra Mehta Menon Mishra Mukherjee Naidu Nair Narayanan Pandey Patel "
    "Patil Pillai Prasad Qureshi Rao Rathore Reddy Saxena Sen Sethi Shah Sharma Shetty Singh Sinha "
    "Srivastava Subramanian Thakur Tiwari Trivedi Varghese Verma Yadav Zaidi Bhattacharya Chowdhury "
    "Gowda Kamath Kohli Lal Mathur Mohan Nambiar Pathak Rajan Raman Sahni Sawant Shukla Tandon Upadhyay"
).split()

SERVICES = (
    "Haircut", "Hair Wash", "Blow Dry", "Hair Colour", "Root Touch-up", "Highlights", "Hair Spa", "Keratin",
    "Smoothening", "Beard Trim", "Shave", "Head Massage", "Facial", "Cleanup", "Bleach", "Threading",
    "Waxing Arms", "Waxing Legs", "Manicure", "Pedicure", "Nail Art", "Bridal Makeup", "Party Makeup",
    "Saree Draping", "Mehendi", "De-tan", "Body Polish", "Foot Spa",
)
PRODUCTS = (
    "Shampoo", "Conditioner", "Hair Oil", "Serum", "Hair Mask", "Face Wash", "Moisturiser", "Sunscreen",
    "Lip Balm", "Kajal", "Nail Polish", "Comb", "Hair Clip", "Beard Oil", "Face Pack", "Toner",
)
VARIANTS = ("Classic", "Deluxe", "Premium", "Express", "Herbal", "Gold", "Signature", "Kids", "Men", "Women")
